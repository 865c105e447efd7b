#!/usr/bin/env bash
# scripts/openstack-down.sh [STATE_DIR] [--purge]
#
# Stops exactly the processes whose PIDs scripts/openstack-up.sh recorded under
# STATE_DIR/pids, after checking that each PID still runs the expected program
# (its cmdline). Order: consumers first, broker last; SIGKILL on that PID after
# a grace period. STATE_DIR: first argument, else $OPENSTACK_STATE_DIR, else
# <repo>/.openstack. --purge also deletes STATE_DIR (the next up starts from scratch).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
PURGE=0
ARGS=()
for a in "$@"; do
  if [ "$a" = --purge ]; then PURGE=1; else ARGS+=("$a"); fi
done
STATE=${ARGS[0]:-${OPENSTACK_STATE_DIR:-$REPO/.openstack}}
PIDS=$STATE/pids
T0=$(date +%s.%N)

if [ ! -d "$PIDS" ]; then
  echo "[openstack-down] no $PIDS, nothing to stop"
else
  is_ours() { # pid expected-cmdline-substring
    [ -r "/proc/$1/cmdline" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ] \
      && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$2"
  }
  gone() { [ ! -e "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

  stop_one() { # pidfile expected-cmdline-substring grace_seconds
    local f=$PIDS/$1 want=$2 grace=${3:-10} p i
    [ -s "$f" ] || { rm -f "$f"; return 0; }
    p=$(cat "$f")
    if [ -n "$p" ] && is_ours "$p" "$want"; then
      kill -TERM "$p" 2>/dev/null
      for i in $(seq 1 $((grace * 10))); do
        gone "$p" && break
        sleep 0.1
      done
      if ! gone "$p"; then
        echo "[openstack-down] $1 ($p) ignored SIGTERM for ${grace}s, sending SIGKILL"
        kill -KILL "$p" 2>/dev/null
        for i in $(seq 1 20); do gone "$p" && break; sleep 0.1; done
      fi
      echo "[openstack-down] stopped ${1%.pid} ($p)"
    else
      echo "[openstack-down] ${1%.pid}: pid ${p:-?} not running (or not '$want'), skipped"
    fi
    rm -f "$f"
  }

  # consumers first, then the APIs and identity, the broker last
  stop_one pact-stub.pid "pact stub" 5
  stop_one watcher-applier.pid watcher-applier 8
  stop_one watcher-decision-engine.pid watcher-decision-engine 8
  stop_one watcher-api.pid watcher-api 8
  stop_one nova-standin.pid OpenStack.NovaStandIn.dll 5
  stop_one keystone.pid keystone-wsgi-public 15      # uwsgi master; --die-on-term stops its workers and router
  stop_one rabbitmq-beam.pid beam 30
  stop_one rabbitmq-wrapper.pid rabbitmq-server 10
  stop_one epmd.pid epmd 5
  echo "[openstack-down] done in $(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')s"
fi

if [ $PURGE = 1 ] && [ -d "$STATE" ]; then
  rm -rf -- "$STATE"
  echo "[openstack-down] removed $STATE"
fi
exit 0
