#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs, starts the local OpenStack services that the
# integration tests use (and stops them again, also on failure), runs every test project of
# Build.sln, and prints a closing line `N passed, N failed` computed from the TRX results.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PACT_DO_NOT_TRACK=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/prerequisites.sh

results="$root/TestResults"
rm -rf "$results"

started_services=""
if [ -x scripts/openstack-up.sh ] && [ "${OPENSTACK_UP:-1}" != "0" ]; then
  bash scripts/openstack-up.sh
  started_services=1
fi
cleanup() { if [ -n "$started_services" ] && [ "${OPENSTACK_KEEP:-0}" != "1" ]; then bash scripts/openstack-down.sh || true; fi; }
trap cleanup EXIT

set +e
dotnet test Build.sln --logger "trx" --results-directory "$results" "$@"
rc=$?
set -e

passed=0; failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<< "$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<< "$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<< "$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $rc but no test failed: a project did not build or a test host crashed (see above)." >&2
  failed=1
fi
echo
echo "$passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
