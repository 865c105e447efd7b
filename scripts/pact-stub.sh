#!/usr/bin/env bash
# scripts/pact-stub.sh [STATE_DIR]
#
# Serves the committed Monasca pact (tests/pacts/openstack-dotnet-monasca-api.json) with
# `pact stub` on 127.0.0.1:${MONASCA_PORT:-8070}, in the background, as the Monasca that the
# catalog's `monitoring` entry names (Monasca is retired upstream: no live server exists). The pact has an interaction
# for each path a client asks, python-monascaclient's trailing-slash `GET /v2.0/alarms/state-history/` included (the
# real server answers it 200). Regenerate the pact with scripts/update-pacts.sh.
# The PID goes to STATE_DIR/pids/pact-stub.pid and the log to STATE_DIR/log/pact-stub.log;
# STATE_DIR is the first argument, else $OPENSTACK_STATE_DIR, else <repo>/.openstack.
# Idempotent: a stub that already runs is left alone. Stop: scripts/pact-stub.sh --stop [STATE_DIR]; serve the current
# pact file (after changing the contract): scripts/pact-stub.sh --restart [STATE_DIR].
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
STOP=0; RESTART=0
if [ "${1:-}" = "--stop" ]; then STOP=1; shift; fi
if [ "${1:-}" = "--restart" ]; then RESTART=1; shift; fi
STATE=${1:-${OPENSTACK_STATE_DIR:-$REPO/.openstack}}
MONASCA_PORT=${MONASCA_PORT:-8070}
PACT=$REPO/tests/pact-native/node_modules/@pact-foundation/pact-cli-linux-x64/standalone/pact
PACT_FILE=$REPO/tests/pacts/openstack-dotnet-monasca-api.json
export PACT_DO_NOT_TRACK=true
mkdir -p "$STATE/pids" "$STATE/log"
PIDFILE=$STATE/pids/pact-stub.pid
log() { echo "[pact-stub] $*" >&2; }

running() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && grep -q pact "/proc/$(cat "$PIDFILE")/cmdline" 2>/dev/null; }

if [ "$STOP" = 1 ]; then
  if running; then kill "$(cat "$PIDFILE")"; log "stopped (pid $(cat "$PIDFILE"))"; fi
  rm -f "$PIDFILE"
  exit 0
fi

[ -x "$PACT" ] || { log "ERROR: $PACT is missing; run: npm ci --prefix tests/pact-native"; exit 1; }
[ -f "$PACT_FILE" ] || { log "ERROR: $PACT_FILE is missing; run: scripts/update-pacts.sh"; exit 1; }

# The stub serves the pact as it was when it started. A running stub is never restarted by itself (the contract tests
# rewrite the pact file while other tests use the stub): --restart serves the current file.
SERVED=$STATE/pids/pact-stub.sha256
want=$(sha256sum "$PACT_FILE" | cut -d' ' -f1)
if running; then
  if [ "$RESTART" = 1 ]; then
    log "restarting (pid $(cat "$PIDFILE")) to serve the current pact"
    kill "$(cat "$PIDFILE")"
    for _ in $(seq 50); do running || break; sleep 0.1; done
  else
    [ "$(cat "$SERVED" 2>/dev/null)" = "$want" ] || log "note: it serves an older pact than $PACT_FILE; serve the current one with: scripts/pact-stub.sh --restart"
    log "already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$MONASCA_PORT"
    exit 0
  fi
fi
echo "$want" > "$SERVED"

# `pact stub` binds every interface; it is reachable on 127.0.0.1:$MONASCA_PORT (the catalog URL).
setsid nohup "$PACT" stub --file "$PACT_FILE" --port "$MONASCA_PORT" --loglevel warn \
  < /dev/null > "$STATE/log/pact-stub.log" 2>&1 &
echo $! > "$PIDFILE"
for _ in $(seq 300); do
  if (echo > "/dev/tcp/127.0.0.1/$MONASCA_PORT") 2>/dev/null; then
    # record the process that listens (setsid may have forked), so that --stop and
    # openstack-down.sh stop exactly it
    listener=$(ss -Hltnp "sport = :$MONASCA_PORT" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
    [ -n "$listener" ] && echo "$listener" > "$PIDFILE"
    if running; then
      log "serving $PACT_FILE on http://127.0.0.1:$MONASCA_PORT (pid $(cat "$PIDFILE"))"
      exit 0
    fi
    break
  fi
  sleep 0.1
done
log "ERROR: the stub did not come up on 127.0.0.1:$MONASCA_PORT"; tail -20 "$STATE/log/pact-stub.log" >&2
exit 1
