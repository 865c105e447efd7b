#!/usr/bin/env bash
# scripts/demo.sh: the .NET `watcher` and `monasca` CLIs against real local OpenStack services.
#
# On a fresh Debian machine, as root, from anywhere:   bash scripts/demo.sh
#   1. scripts/prerequisites.sh   (dotnet present, pact native bits, dotnet restore)
#   2. scripts/openstack-up.sh    (real Keystone + Watcher API/decision engine/applier + Nova stand-in on loopback;
#                                  writes .openstack/clouds.yaml with the clouds openstack-admin and openstack-demo)
#   3. builds src/OpenStack.Cli once (Release)
#   4. Watcher through the Keystone catalog (OS_CLOUD=openstack-admin): goals, strategies, an audit template on goal
#      "dummy", a ONESHOT audit, its action plan and actions, start the plan, wait for SUCCEEDED, final state
#   5. Monasca through the catalog's `monitoring` endpoint, if something (the Monasca pact served by `pact stub`)
#      listens there; otherwise the demo says so and skips that part
# The services keep running afterwards; stop them with: bash scripts/openstack-down.sh
#
# Environment (optional): DEMO_TIMEOUT (seconds to wait for an audit or action plan, default 180),
# MONASCA_PORT (the port of the catalog's monitoring endpoint, default 8070, as openstack-up.sh), NO_COLOR.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
cd "$REPO"
DEMO_TIMEOUT=${DEMO_TIMEOUT:-180}
MONASCA_PORT=${MONASCA_PORT:-8070}

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then B=$'\033[1m'; D=$'\033[2m'; G=$'\033[32m'; Y=$'\033[33m'; R=$'\033[31m'; N=$'\033[0m'
else B=; D=; G=; Y=; R=; N=; fi
step() { printf '\n%s== %s%s\n' "$B" "$*" "$N"; }
note() { printf '%s%s%s\n' "$D" "$*" "$N"; }
show() { local shown; shown=$(printf '%q ' "$@"); printf '%s$ %s%s\n' "$G" "${shown% }" "$N"; "$@"; }
die()  { printf '%serror: %s%s\n' "$R" "$*" "$N" >&2; exit 1; }

# Say what is coming before apt, npm or dotnet speak (numbers measured on this project's 2-core machine).
if [ -f .openstack/pids/keystone.pid ] || [ -d tests/pact-native/node_modules/@pact-foundation ]; then
  note "The demo: prerequisites and services already set up here; about 1 minute (build the CLI, run a Watcher audit and action plan, query the Monasca stub)."
else
  note "The demo on a fresh machine: about 4 minutes in all. It installs the pact core from npm and restores NuGet packages (about 1 min),"
  note "installs Keystone, Watcher and RabbitMQ from apt (about 1 min), starts them on 127.0.0.1 (about 20 s), builds the CLI and"
  note "runs a Watcher audit and action plan and Monasca queries against them (about 1 min). The services keep running afterwards."
fi

step "Prerequisites (npm: the pact core; dotnet restore)"
bash scripts/prerequisites.sh

step "Local OpenStack (Keystone, Watcher, decision engine, applier, Nova stand-in)"
bash scripts/openstack-up.sh

step "Build the CLI (Release)"
dotnet build src/OpenStack.Cli -c Release --nologo -v q -clp:NoSummary
CLI_DLL=$REPO/src/OpenStack.Cli/bin/Release/net10.0/openstack-dotnet.dll
[ -f "$CLI_DLL" ] || die "the build did not produce $CLI_DLL"
# What a user gets with `dotnet tool install` (command openstack-dotnet) or a `watcher`/`monasca` symlink to it.
watcher() { dotnet "$CLI_DLL" watcher "$@"; }
monasca() { dotnet "$CLI_DLL" monasca "$@"; }

# Everything below authenticates with a password from clouds.yaml and finds the endpoints in the Keystone catalog.
export OS_CLOUD=openstack-admin
export OS_CLIENT_CONFIG_FILE=$REPO/.openstack/clouds.yaml
unset OS_AUTH_TOKEN OS_TOKEN OS_ENDPOINT_OVERRIDE OS_ENDPOINT OS_INFRA_OPTIM_API_VERSION MONASCA_API_URL MONASCA_API_VERSION
note "OS_CLOUD=$OS_CLOUD  OS_CLIENT_CONFIG_FILE=$OS_CLIENT_CONFIG_FILE"

# Polls `<tool> ... -f value -c State` until the state is one of the wanted ones.
wait_state() {
  local what=$1 want=$2 deadline=$((SECONDS + DEMO_TIMEOUT)) state=
  shift 2
  while :; do
    state=$("$@" -f value -c State)
    printf '   %s %s\n' "$what" "$state"
    case " $want " in *" $state "*) return 0 ;; esac
    case $state in FAILED|CANCELLED|CANCELLING|DELETED|SUPERSEDED) die "$what ended $state" ;; esac
    [ $SECONDS -lt $deadline ] || die "$what still $state after ${DEMO_TIMEOUT}s"
    sleep 1
  done
}

step "Watcher: what can it optimize?"
show watcher goal list
show watcher strategy list --goal dummy
show watcher service list

step "Watcher: an audit template on goal 'dummy' (strategy 'dummy')"
TEMPLATE=demo-template-$(date +%Y%m%d-%H%M%S)-$$
show watcher audittemplate create "$TEMPLATE" dummy --strategy dummy --description "Created by scripts/demo.sh"

step "Watcher: a ONESHOT audit of that template"
AUDIT=$(watcher audit create --audit_type ONESHOT --audit-template "$TEMPLATE" --name "demo-audit-$$" -f value -c UUID)
note "audit $AUDIT created; the decision engine runs the strategy"
wait_state "audit" "SUCCEEDED" watcher audit show "$AUDIT"
show watcher audit show "$AUDIT"

step "Watcher: the action plan the audit recommends, and its actions"
show watcher actionplan list --audit "$AUDIT"
PLAN=$(watcher actionplan list --audit "$AUDIT" -f value -c UUID | head -n 1)
[ -n "$PLAN" ] || die "the audit produced no action plan"
show watcher action list --action-plan "$PLAN"

step "Watcher: start the action plan; the applier executes it"
show watcher actionplan start "$PLAN" -c UUID -c State
wait_state "action plan" "SUCCEEDED" watcher actionplan show "$PLAN"

step "Watcher: final state"
show watcher actionplan show "$PLAN"
show watcher action list --action-plan "$PLAN" --detail -c UUID -c State -c Action -c Parameters
show watcher audit show "$AUDIT" -c UUID -c Name -c State -c Goal -c Strategy

step "Monasca through the catalog's 'monitoring' endpoint"
if ! (exec 3<>"/dev/tcp/127.0.0.1/$MONASCA_PORT") 2>/dev/null; then
  printf '%sNothing listens on 127.0.0.1:%s, the monitoring endpoint of the catalog (no Monasca server and no pact stub%s\n' "$Y" "$MONASCA_PORT" "$N"
  printf '%sis running there yet), so the Monasca part of the demo is skipped. Against a Monasca API, for example:%s\n' "$Y" "$N"
  printf '   monasca metric-list; monasca measurement-list cpu.idle_perc -60; monasca alarm-list\n'
else
  note "127.0.0.1:$MONASCA_PORT answers (the Monasca pact served by 'pact stub': only the contract's requests get answers)"
  ANSWERED=0; TOTAL=0
  try() {
    TOTAL=$((TOTAL + 1))
    local shown; shown=$(printf '%q ' "$@"); printf '%s$ monasca %s%s\n' "$G" "${shown% }" "$N"
    if monasca "$@"; then ANSWERED=$((ANSWERED + 1)); else printf '%s   (not answered: the contract has no interaction for this request)%s\n' "$Y" "$N"; fi
  }
  try metric-list
  try metric-list --name cpu.idle_perc --dimensions hostname=devstack,service=monitoring --limit 10
  try metric-create cpu.idle_perc 97.5 --dimensions hostname=devstack --value-meta source=contract-test
  try metric-name-list
  try measurement-list cpu.idle_perc 2024-01-02T00:00:00Z --dimensions hostname=devstack
  try metric-statistics cpu.idle_perc avg,max 2024-01-02T00:00:00Z --period 300
  try notification-type-list
  try notification-list
  try alarm-definition-list
  try alarm-list
  try alarm-count
  try alarm-history-list
  note "monasca: $ANSWERED of $TOTAL commands answered"
fi

step "Done"
cat <<EOF
The services keep running. Try the CLIs yourself:
  export OS_CLOUD=openstack-admin OS_CLIENT_CONFIG_FILE=$OS_CLIENT_CONFIG_FILE
  dotnet $CLI_DLL watcher audittemplate list
  dotnet $CLI_DLL watcher actionplan show $PLAN -f json
  dotnet $CLI_DLL monasca --help
Stop the services with:  bash scripts/openstack-down.sh
EOF
