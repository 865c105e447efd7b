#!/usr/bin/env bash
# scripts/update-pacts.sh [dotnet test options...]
#
# Regenerates the committed pact files (tests/pacts/openstack-dotnet-monasca-api.json and
# openstack-dotnet-watcher-api.json) from the consumer contract tests: runs every consumer test of both providers
# (the "pact consumers" collection of tests/OpenStack.ContractTests), whose fixture publishes a provider's pact to
# tests/pacts/ only when all of that provider's consumer tests ran and passed. A filtered run of the contract tests
# never touches tests/pacts/. Everything else reads these files: the provider verification, the fuzz tests of
# OpenStack.Monasca.Tests and OpenStack.Watcher.Tests, and scripts/pact-stub.sh (serve a new Monasca pact with
# scripts/pact-stub.sh --restart). CI (.ci/run) fails when running the suite changes tests/pacts/: commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
export PACT_DO_NOT_TRACK=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ -d tests/pact-native/node_modules/@pact-foundation ] || npm ci --prefix tests/pact-native --no-audit --no-fund --loglevel=error
dotnet test tests/OpenStack.ContractTests --nologo \
  --filter "FullyQualifiedName~OpenStack.ContractTests.Monasca|FullyQualifiedName~OpenStack.ContractTests.Watcher" "$@"
if git diff --quiet -- tests/pacts/ 2>/dev/null; then
  echo "tests/pacts/ is unchanged."
else
  git --no-pager diff --stat -- tests/pacts/
  echo "tests/pacts/ changed: review and commit it."
fi
