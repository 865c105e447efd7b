#!/usr/bin/env bash
# Packs the `watcher` and `monasca` .NET tools, native (NativeAOT, linux-x64), in one go: per tool the package that
# `dotnet tool install` looks up and its linux-x64 package with the executable. The two tools are one program (only
# package properties differ), built in one output folder, so the program is compiled, and natively compiled, once.
#   usage: scripts/pack-tools.sh [OUT [ARTIFACTS]]   (OUT: the folder for the .nupkg files, default ./nupkg;
#          ARTIFACTS: a build folder of its own, --artifacts-path, instead of src/OpenStack.Cli's bin and obj)
#   then:  dotnet tool install -g --add-source OUT --prerelease OpenStack.Cli.Watcher   (and OpenStack.Cli.Monasca)
# Needs clang and zlib1g-dev (scripts/prerequisites.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-nupkg}")
mkdir -p "$out"
artifacts=()
[ $# -ge 2 ] && artifacts=(--artifacts-path "$(realpath -m "$2")")
common=(src/OpenStack.Cli -c Release -p:PublishAot=true "${artifacts[@]}" --nologo -v q -clp:ErrorsOnly)
# One restore for both packs and both tools (with the RID: the assets hold net10.0 and net10.0/linux-x64).
dotnet restore src/OpenStack.Cli -p:PublishAot=true -r linux-x64 "${artifacts[@]}" --nologo -v q
for tool in watcher monasca; do
  start=$SECONDS
  dotnet pack "${common[@]}" --no-restore -p:CliTool=$tool -o "$out"
  dotnet pack "${common[@]}" --no-restore -p:CliTool=$tool -r linux-x64 -o "$out"
  echo "$tool: $((SECONDS - start)) s" >&2
done
ls "$out"/OpenStack.Cli.{Watcher,Monasca}.*nupkg
