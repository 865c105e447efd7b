#!/usr/bin/env bash
# Runs the same command lines through Debian's python `watcher`/`monasca` and through this repository's CLI against the
# same servers, and writes docs/cli-parity.md: per command line (reads in every output format, error paths, writes),
# whether the output and the exit code are identical, and the differences where they are not.
#   usage: scripts/cli-parity.sh [OURS] [STATE_DIR]
#   OURS: the CLI executable (default: src/OpenStack.Cli/bin/Release/net10.0/openstack-dotnet, built if missing)
#   STATE_DIR: scripts/openstack-up.sh's state directory (default: .openstack); its openrc is sourced.
set -eu
cd "$(dirname "$0")/.."
ours=${1:-src/OpenStack.Cli/bin/Release/net10.0/openstack-dotnet}
state=${2:-${OPENSTACK_STATE_DIR:-.openstack}}
[ -x "$ours" ] || dotnet build src/OpenStack.Cli -c Release --nologo -v q >/dev/null
command -v watcher >/dev/null && command -v monasca >/dev/null || { echo "needs python3-watcherclient and python3-monascaclient (apt-get install -y ...)" >&2; exit 2; }
# shellcheck disable=SC1091
source "$state/openrc"
out=docs/cli-parity.md
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

audit=$(watcher audit list -f value -c UUID --sort-column UUID | head -1)
plan=$(watcher actionplan list -f value -c UUID --sort-column UUID | head -1)
action=$(watcher action list -f value -c UUID --sort-column UUID | head -1)
template=$(watcher audittemplate list -f value -c Name --sort-column Name | head -1)
definition=$(monasca alarm-definition-list -j | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e[0]["id"] if e else "none")')
alarm=$(monasca alarm-list -j | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e[0]["id"] if e else "none")')

same=0; differ=0
rows=()
details=()
# What varies from run to run and between the two runs of a pair: Keystone's request ids, and for writes the created
# items' UUIDs, times and the names each tool was given.
requests() { sed -E 's/req-[0-9a-f-]{36}/req-<id>/g'; }
normalize() { requests | sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<uuid>/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(\+00:00|Z)?/<time>/g; s/parity-[0-9]+-(py|us)/<name>/g'; }
compare() { # label, python's output, ours (each ending in its exit code)
  local label=$1 py=$2 us=$3
  if [ "$py" == "$us" ]; then
    same=$((same + 1)); rows+=("| \`$label\` | identical |")
  else
    differ=$((differ + 1)); rows+=("| \`$label\` | **differs** (below) |")
    details+=("#### \`$label\`"$'\n\n```diff\n'"$(diff <(printf '%s\n' "$py") <(printf '%s\n' "$us") | head -40 | sed 's/^</- python:/; s/^>/+ ours:  /')"$'\n```\n')
  fi
}
run() { # tool, command line (one string): stdout and stderr together, then the exit code
  local tool=$1 line=$2 py us
  # shellcheck disable=SC2086
  py=$($tool $line 2>&1; echo "[exit $?]")
  # shellcheck disable=SC2086
  us=$("$ours" "$tool" $line 2>&1; echo "[exit $?]")
  compare "$tool $line" "$(printf '%s\n' "$py" | requests)" "$(printf '%s\n' "$us" | requests)"
}
write() { # tool, command line with NAME for the name each tool creates (parity-<pid>-py, parity-<pid>-us)
  local tool=$1 line=$2 py us
  # shellcheck disable=SC2086
  py=$($tool ${line//NAME/parity-$$-py} 2>&1; echo "[exit $?]")
  # shellcheck disable=SC2086
  us=$("$ours" "$tool" ${line//NAME/parity-$$-us} 2>&1; echo "[exit $?]")
  compare "$tool $line" "$(printf '%s\n' "$py" | normalize)" "$(printf '%s\n' "$us" | normalize)"
}

for cmd in "goal list" "goal list --detail" "strategy list" "strategy list --detail" "strategy state dummy" "audittemplate list" \
           "audittemplate list --detail" "audit list" "audit list --detail" "actionplan list" "actionplan list --detail" \
           "action list" "action list --detail" "service list" "service list --detail" "scoringengine list"; do
  for opts in "" "-f json" "-f json --noindent" "-f yaml" "-f value" "-f csv" "-f csv --quote all" "-f csv --quote minimal"; do
    run watcher "$cmd $opts"
  done
done
for cmd in "goal list -f value -c Name -c UUID" "goal list --sort-column Name --sort-descending" "service list --sort-column Name" \
           "audit list --max-width 60" "audit list --detail --fit-width --max-width 100" "goal list --goal x --print-empty"; do
  run watcher "$cmd"
done
for cmd in "goal show dummy" "strategy show dummy" "audittemplate show $template" "audit show $audit" "actionplan show $plan" \
           "action show $action" "service show 1"; do
  for opts in "" "-f json" "-f yaml" "-f value" "-f shell" "-f shell --prefix w_" "-c UUID -c Name"; do
    run watcher "$cmd $opts"
  done
done
for cmd in "metric-list" "metric-name-list" "dimension-name-list" "dimension-value-list hostname" "notification-type-list" \
           "notification-list" "alarm-definition-list" "alarm-definition-show $definition" "alarm-list" "alarm-show $alarm" \
           "alarm-count" "alarm-history-list" "measurement-list cpu.idle_perc 2024-01-01T00:00:00Z" \
           "metric-statistics cpu.idle_perc avg 2024-01-01T00:00:00Z"; do
  for opts in "" "-j"; do
    run monasca "$cmd $opts"
  done
done

# Error paths: the server's errors, the commands' own checks, usage errors, configuration errors; with exit codes.
for cmd in "goal show nosuch" "strategy show nosuch" "audit show nosuch" "actionplan show nosuch" "audittemplate show nosuch" \
           "goal list -c NoSuch" "goal list --limit -1" "audittemplate update nosuch replace name" "actionplan list --audit nosuch" \
           "audittemplate delete nosuch" "goal list --limit abc" "goal lst" "--os-password wrong goal list" \
           "--os-cacert /no/such/ca.pem goal list" "--os-endpoint-override http://127.0.0.1:1/v1 goal list" \
           "--debug --version" "--collect-timing goal list -f value -c Name"; do
  run watcher "$cmd"
done
for cmd in "alarm-show nosuch" "alarm-definition-show nosuch" "notification-show nosuch" "measurement-list X yesterday" \
           "metric-statistics cpu.idle_perc median -60" "alarm-list --severity URGENT" "metric-list -c Foo" "--os-password wrong metric-list"; do
  run monasca "$cmd"
done
# Writes: each tool creates its own item (the name differs, normalized away with UUIDs and times), changes it, deletes it.
write watcher "audittemplate create NAME dummy -s dummy -f json"
write watcher "audittemplate update NAME replace description=parity -f json"
write watcher "audittemplate update NAME replace name"
write watcher "audittemplate delete NAME"
write watcher "audittemplate delete NAME"
write monasca "notification-create NAME EMAIL ops@example.com"

{
  echo "# CLI parity: python-watcherclient / python-monascaclient vs this CLI"
  echo
  echo "Generated by \`scripts/cli-parity.sh\` on $(date -u +%Y-%m-%d): each command line run through Debian's"
  echo "\`watcher\` ($(watcher --version 2>&1)) and \`monasca\` ($(monasca --version 2>&1)), then through \`openstack-dotnet watcher|monasca\`,"
  echo "against the same local Keystone, Watcher and Monasca stub (\`scripts/openstack-up.sh\`), output compared byte for byte"
  echo "(stdout and stderr together, then the exit code; Keystone's request ids, and for writes the UUIDs, times and"
  echo "names, normalized). **$same identical, $differ different.**"
  echo
  cat docs/cli-parity-notes.md
  echo
  echo "## Command by command"
  echo
  echo "| command line | output |"
  echo "| --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  if [ "$differ" -gt 0 ]; then
    echo "## Differences"
    echo
    printf '%s\n' "${details[@]}"
  fi
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "$out: $same identical, $differ different"
