#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine (run as root), and does
# nothing that is already done: the .NET 10 SDK must be on PATH; the native Pact core and CLI come
# from npm (pinned in tests/pact-native/package-lock.json); redis-server (the shared token cache's tests start
# their own on a free loopback port) and clang with zlib1g-dev (the NativeAOT CLI's linker) from Debian; NuGet packages
# are restored by dotnet.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is not on PATH; install it first (https://dot.net)." >&2
  exit 1
fi
if [ -f tests/pact-native/package.json ] && [ ! -d tests/pact-native/node_modules/@pact-foundation ]; then
  if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  npm ci --prefix tests/pact-native --no-audit --no-fund --loglevel=error
fi
if ! command -v redis-server >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server
fi
# The native (NativeAOT) CLI links with clang against zlib; its tests publish it.
if ! command -v clang >/dev/null 2>&1 || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends clang zlib1g-dev
fi
dotnet restore Build.sln --nologo -v q
