#!/usr/bin/env bash
# scripts/openstack-up.sh [STATE_DIR]
#
# Brings up REAL OpenStack services from Debian 12 (bookworm) packages on the
# loopback interface only, for the integration tests and the demo:
#   - Keystone 22 (Zed)        http://127.0.0.1:$KEYSTONE_PORT/v3  uwsgi, sqlite (WAL), fernet tokens
#   - Watcher 9 (Zed)          http://127.0.0.1:$WATCHER_PORT      API + decision engine + applier, sqlite (WAL)
#   - RabbitMQ 3.10 + epmd     127.0.0.1:5672 / 25672 / 4369       (Watcher's RPC; from apt)
#   - Nova + Placement stand-in http://127.0.0.1:$COMPUTE_PORT/v2.1 and :$PLACEMENT_PORT
#                              (tests/OpenStack.NovaStandIn, C#): the read-only compute
#                              model Watcher's decision engine needs to run any strategy
# and registers in the Keystone catalog (RegionOne, public/internal/admin):
#   identity, infra-optim, compute, placement and monitoring (Monasca has no server:
#   scripts/pact-stub.sh serves the committed Monasca pact with `pact stub` at
#   http://127.0.0.1:$MONASCA_PORT/v2.0; pact stub 0.7.1 has no bind-address option and
#   listens on all interfaces, the only service here that does).
# Users: admin/admin (project admin, also system admin), demo (project demo,
# role member, no admin: Watcher answers 403), watcher (service user).
#
# Idempotent: a second run reuses the state directory and whatever already runs
# (about 1-2 s). All state (config, sqlite DBs, keys, logs, PID files,
# clouds.yaml, openrc) lives in STATE_DIR: first argument, else
# $OPENSTACK_STATE_DIR, else <repo>/.openstack. Stop: scripts/openstack-down.sh.
#
# Environment (all optional):
#   ADMIN_PASSWORD (admin-secret)  DEMO_PASSWORD (demo-secret)  WATCHER_PASSWORD (watcher-secret)
#   KEYSTONE_PORT (5000) WATCHER_PORT (9322) MONASCA_PORT (8070)
#   COMPUTE_PORT (8774) PLACEMENT_PORT (8778)
#   RABBIT_PORT (5672) RABBIT_DIST_PORT (25672) EPMD_PORT (4369)
#   OS_UP_INSTALL=auto|no   install missing Debian packages with apt (default auto)
#   KEYSTONE_PROCESSES (1)  uwsgi workers for Keystone (the token cache is per process)
set -euo pipefail

T_START=$(date +%s.%N)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
STATE_ARG=${1:-${OPENSTACK_STATE_DIR:-$REPO/.openstack}}
mkdir -p "$STATE_ARG"
STATE=$(cd "$STATE_ARG" && pwd)

HOST=127.0.0.1
REGION=RegionOne
KEYSTONE_PORT=${KEYSTONE_PORT:-5000}
WATCHER_PORT=${WATCHER_PORT:-9322}
MONASCA_PORT=${MONASCA_PORT:-8070}
COMPUTE_PORT=${COMPUTE_PORT:-8774}
PLACEMENT_PORT=${PLACEMENT_PORT:-8778}
RABBIT_PORT=${RABBIT_PORT:-5672}
RABBIT_DIST_PORT=${RABBIT_DIST_PORT:-25672}
EPMD_PORT=${EPMD_PORT:-4369}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin-secret}
DEMO_PASSWORD=${DEMO_PASSWORD:-demo-secret}
WATCHER_PASSWORD=${WATCHER_PASSWORD:-watcher-secret}
KEYSTONE_PROCESSES=${KEYSTONE_PROCESSES:-1}
OS_UP_INSTALL=${OS_UP_INSTALL:-auto}
KEYSTONE_URL=http://$HOST:$KEYSTONE_PORT/v3
WATCHER_URL=http://$HOST:$WATCHER_PORT
COMPUTE_URL=http://$HOST:$COMPUTE_PORT/v2.1
PLACEMENT_URL=http://$HOST:$PLACEMENT_PORT
MONASCA_URL=http://$HOST:$MONASCA_PORT/v2.0

# The Debian tools are '#!/usr/bin/python3'; keep helper calls on the system
# interpreter too (a pyenv/venv python may come first in PATH).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
PY=/usr/bin/python3
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ETC=$STATE/etc; LOG=$STATE/log; PIDS=$STATE/pids; DONE=$STATE/done; RUN=$STATE/run
mkdir -p "$ETC" "$LOG" "$PIDS" "$DONE" "$RUN"
TIMINGS=$STATE/timings.txt
echo "# $(date -u +%FT%TZ) openstack-up.sh" >> "$TIMINGS"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
log() { echo "[openstack-up] $*" >&2; }
timing() { echo "$1 $2" >> "$TIMINGS"; log "$1: ${2}s"; }
BG_JOBS=""
# on failure, let our background set-up jobs finish (they are short) rather than orphan them
die() { log "ERROR: $*"; [ -n "$BG_JOBS" ] && wait $BG_JOBS 2>/dev/null; exit 1; }

# ---------------------------------------------------------------- install ---
PKGS="python3-keystone python3-watcher python3-watcherclient python3-openstackclient
uwsgi-core uwsgi-plugin-python3 sqlite3 curl rabbitmq-server"

missing_pkgs() {
  local p out=""
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out="$out $p"
  done
  echo "$out"
}

apt_install() {
  # Another apt user may hold the dpkg lock (Lock::Timeout waits for it), and on
  # docker-style images /etc/apt/apt.conf.d/docker-clean deletes downloaded .debs
  # after *any* apt run, which can break a concurrent install half way: retry.
  local try
  for try in 1 2 3 4 5; do
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
         -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef \
         -o Dpkg::Options::=--force-confold "$@" >> "$LOG/apt.log" 2>&1; then
      return 0
    fi
    log "apt-get install failed (try $try), retrying (see $LOG/apt.log)"
    DEBIAN_FRONTEND=noninteractive dpkg --configure -a >> "$LOG/apt.log" 2>&1 || true
    sleep $((try * 3))
  done
  return 1
}

MISSING=$(missing_pkgs)
if [ -n "${MISSING// /}" ]; then
  [ "$OS_UP_INSTALL" = no ] && die "missing packages:$MISSING (OS_UP_INSTALL=no)"
  [ "$(id -u)" = 0 ] || die "missing packages:$MISSING and not root (install them with apt-get, or run as root)"
  log "installing:$MISSING (apt, about 1 minute; log: $LOG/apt.log)"
  t0=$(now)
  # Never let the packaged services start on install (rabbitmq-server's postinst
  # would start a broker on 0.0.0.0). Docker-style images already have a
  # policy-rc.d that says 101; elsewhere add one for the duration.
  TMP_POLICY=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; TMP_POLICY=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=600 >> "$LOG/apt.log" 2>&1 \
    || { sleep 5; DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=600 >> "$LOG/apt.log" 2>&1; } \
    || { [ $TMP_POLICY = 1 ] && rm -f /usr/sbin/policy-rc.d; die "apt-get update failed (see $LOG/apt.log)"; }
  # shellcheck disable=SC2086
  apt_install $MISSING || { [ $TMP_POLICY = 1 ] && rm -f /usr/sbin/policy-rc.d; die "apt-get install failed (see $LOG/apt.log)"; }
  [ $TMP_POLICY = 1 ] && rm -f /usr/sbin/policy-rc.d
  timing apt_update_and_install "$(elapsed "$t0")"
fi
command -v dotnet > /dev/null || die "dotnet (SDK 10) is needed to build the Nova stand-in"

# ------------------------------------------------------------- helpers ------
pid_alive() { # pidfile expected-substring-of-cmdline
  local f=$1 want=$2 p
  [ -s "$f" ] || return 1
  p=$(cat "$f"); [ -n "$p" ] && [ -r "/proc/$p/cmdline" ] || return 1
  [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ] || return 1
  tr '\0' ' ' < "/proc/$p/cmdline" | grep -q -- "$want"
}

stop_pid() { # pidfile expected-cmdline grace_s : TERM, then KILL, only if it is ours
  local f=$1 want=$2 grace=${3:-10} p i
  pid_alive "$f" "$want" || { rm -f "$f"; return 0; }
  p=$(cat "$f"); kill -TERM "$p" 2>/dev/null || true
  for i in $(seq 1 $((grace * 10))); do
    [ -e "/proc/$p" ] || break
    [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" = Z ] && break
    sleep 0.1
  done
  [ -e "/proc/$p" ] && [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ] && kill -KILL "$p" 2>/dev/null
  rm -f "$f"
}

wait_http() { # url timeout_s  -> 0 once it answers 2xx/3xx
  local url=$1 end=$((SECONDS + ${2:-60})) code
  while [ $SECONDS -le $end ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    case $code in 2??|3??) return 0 ;; esac
    sleep 0.1
  done
  return 1
}

wait_tcp() { # port timeout_s
  local port=$1 end=$((SECONDS + ${2:-60}))
  while [ $SECONDS -le $end ]; do
    (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

require_free() { # port what : fail clearly when something that is not ours listens there
  if port_busy "$1"; then
    local who
    who=$(ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1)
    die "port $HOST:$1 (for $2) is held by something that is not ours${who:+ ($who)}; stop it or set another port (see the header of $0)"
  fi
}

quiet() { # name cmd... : run a noisy Python CLI, keep its output in a log file
  local name=$1; shift
  "$@" >> "$LOG/$name.out" 2>&1 || { tail -20 "$LOG/$name.out" >&2; die "$name failed: $*"; }
}

write_if_changed() { # file : stdin -> file; returns 0 if the content changed
  local f=$1 tmp; tmp=$(mktemp "$f.XXXX")
  cat > "$tmp"
  if [ -e "$f" ] && cmp -s "$tmp" "$f"; then rm -f "$tmp"; return 1; fi
  mv "$tmp" "$f"; return 0
}

# ---------------------------------------------------------------- configs ---
KEYSTONE_CONF_CHANGED=0
write_if_changed "$ETC/keystone.conf" <<EOF && KEYSTONE_CONF_CHANGED=1 || true
[DEFAULT]
log_file = $LOG/keystone.log
debug = false

[database]
connection = sqlite:///$STATE/keystone.db

[token]
provider = fernet
expiration = 7200

[fernet_tokens]
key_repository = $STATE/fernet-keys

[fernet_receipts]
# default is /etc/keystone/fernet-keys/: must point at our repository too
key_repository = $STATE/fernet-keys

[credential]
key_repository = $STATE/credential-keys

[identity]
# bcrypt cost 4 instead of 12: password auth ~250 ms -> a few ms. Only affects
# hashes written after this (bootstrap / user create / password change).
password_hash_rounds = 4

[cache]
# Without a cache every authenticated call costs 300-450 ms on sqlite; with the
# in-process memory cache 10-20 ms. Per process: hence ONE uwsgi worker.
enabled = true
backend = dogpile.cache.memory
EOF

WATCHER_CONF_CHANGED=0
write_if_changed "$ETC/watcher.conf" <<EOF && WATCHER_CONF_CHANGED=1 || true
[DEFAULT]
transport_url = rabbit://guest:guest@$HOST:$RABBIT_PORT/
log_dir = $LOG
debug = false
host = localhost
graceful_shutdown_timeout = 5
# API -> decision-engine RPC *calls* (GET /v1/strategies/{s}/state, /v1/data_model):
# fail after 15 s, not 60 s
rpc_response_timeout = 15

[api]
host = $HOST
port = $WATCHER_PORT
workers = 1

[database]
connection = sqlite:///$STATE/watcher.db

[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
username = watcher
password = $WATCHER_PASSWORD
project_name = service
user_domain_id = default
project_domain_id = default
region_name = $REGION

[watcher_clients_auth]
auth_url = $KEYSTONE_URL
auth_type = password
username = watcher
password = $WATCHER_PASSWORD
project_name = service
user_domain_id = default
project_domain_id = default

[oslo_messaging_notifications]
driver = noop

[oslo_messaging_rabbit]
heartbeat_timeout_threshold = 0

# compute + placement: the C# stand-in (tests/OpenStack.NovaStandIn)
[nova_client]
api_version = 2.56
endpoint_type = publicURL
region_name = $REGION

[placement_client]
interface = public
region_name = $REGION

[collector]
collector_plugins = compute
# default 10 retries: a missing stand-in would fail an audit only after 10+ s
api_call_retries = 3
api_query_timeout = 1
EOF

# --------------------------------------------------------------- rabbitmq ---
RMQ=$STATE/rabbitmq
mkdir -p "$RMQ/mnesia" "$RMQ/log" "$RMQ/home"
echo '[].' > "$RMQ/enabled_plugins"    # no management plugin, no extra listeners
echo "listeners.tcp.default = $HOST:$RABBIT_PORT" > "$RMQ/rabbitmq.conf"
RMQ_ENV=(HOME="$RMQ/home" ERL_EPMD_ADDRESS=$HOST ERL_EPMD_PORT=$EPMD_PORT
  RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=$HOST
  RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT
  RABBITMQ_MNESIA_BASE="$RMQ/mnesia" RABBITMQ_LOG_BASE="$RMQ/log"
  RABBITMQ_CONFIG_FILE="$RMQ/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ/enabled_plugins"
  RABBITMQ_PID_FILE="$PIDS/rabbitmq-beam.pid"
  "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}")
if pid_alive "$PIDS/epmd.pid" epmd; then
  log "epmd already running (pid $(cat "$PIDS/epmd.pid"))"
elif port_busy "$EPMD_PORT"; then
  log "an epmd is already listening on $HOST:$EPMD_PORT (not ours), reusing it"
else
  # our own epmd, so that its PID is known (Erlang would daemonize one that outlives the broker)
  setsid nohup epmd -address $HOST -port "$EPMD_PORT" < /dev/null > "$LOG/epmd.log" 2>&1 &
  echo $! > "$PIDS/epmd.pid"
  wait_tcp "$EPMD_PORT" 10 || die "epmd did not start"
fi
if pid_alive "$PIDS/rabbitmq-beam.pid" beam; then
  log "rabbitmq already running (pid $(cat "$PIDS/rabbitmq-beam.pid"))"
else
  require_free "$RABBIT_PORT" RabbitMQ
  require_free "$RABBIT_DIST_PORT" "RabbitMQ distribution"
  t0=$(now)
  # /usr/lib/rabbitmq/bin/rabbitmq-server directly: /usr/sbin/rabbitmq-server would 'su rabbitmq'
  env "${RMQ_ENV[@]}" setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server < /dev/null > "$LOG/rabbitmq.out" 2>&1 &
  echo $! > "$PIDS/rabbitmq-wrapper.pid"
  RMQ_STARTED=$t0
fi

# ------------------------------------------------- nova + placement stand-in ---
NSI_SRC=$REPO/tests/OpenStack.NovaStandIn
NSI_OUT=$STATE/novastandin
NSI_DLL=$NSI_OUT/OpenStack.NovaStandIn.dll
nsi_build() {
  [ -d "$NSI_SRC" ] || die "$NSI_SRC is missing"
  t0=$(now)
  # --disable-build-servers: leave no MSBuild/Roslyn server processes behind
  dotnet build "$NSI_SRC/OpenStack.NovaStandIn.csproj" -c Release -o "$NSI_OUT" --disable-build-servers \
    -nologo -v:q > "$LOG/novastandin-build.log" 2>&1 || { tail -30 "$LOG/novastandin-build.log" >&2; die "building the Nova stand-in failed"; }
  touch "$NSI_DLL"
  timing novastandin_build "$(elapsed "$t0")"
}
NSI_NEEDS_BUILD=0 NSI_REBUILT=0
if [ ! -e "$NSI_DLL" ] || [ -n "$(find "$NSI_SRC" -maxdepth 1 \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' \) -newer "$NSI_DLL" 2>/dev/null)" ]; then
  NSI_NEEDS_BUILD=1
  nsi_build > "$LOG/novastandin-build.job" 2>&1 &   # in parallel with Keystone's set-up
  NSI_JOB=$!; BG_JOBS="$BG_JOBS $NSI_JOB"
fi

# ------------------------------------------- watcher DB (background job) ---
watcher_db_init() {
  if [ ! -e "$DONE/watcher-db" ]; then
    t0=$(now)
    rm -f "$STATE/watcher.db" "$STATE/watcher.db-wal" "$STATE/watcher.db-shm"
    # 'upgrade' fails on sqlite (ALTER TABLE ... ALTER COLUMN); create_schema builds
    # the tables from the models and stamps alembic head.
    quiet watcher-db-manage watcher-db-manage --config-file "$ETC/watcher.conf" create_schema
    sqlite3 "$STATE/watcher.db" 'PRAGMA journal_mode=WAL;' > /dev/null
    # goals/strategies are only written by the decision engine's sync: without this
    # the API lists no goals until the engine has run once.
    quiet watcher-sync watcher-sync --config-file "$ETC/watcher.conf"
    touch "$DONE/watcher-db"
    timing watcher_create_schema_and_sync "$(elapsed "$t0")"
  fi
}
watcher_db_init > "$LOG/watcher-db-init.job" 2>&1 &   # in parallel with Keystone's set-up
WDB_JOB=$!; BG_JOBS="$BG_JOBS $WDB_JOB"

# --------------------------------------------------------------- keystone ---
KM="keystone-manage --config-file $ETC/keystone.conf"
if [ ! -e "$DONE/keystone-db" ]; then
  t0=$(now)
  rm -f "$STATE/keystone.db" "$STATE/keystone.db-wal" "$STATE/keystone.db-shm"
  quiet keystone-manage $KM db_sync
  # Keystone leaks read transactions with sqlite ('database is locked' on every
  # write once a token was issued). WAL mode lets writers proceed.
  sqlite3 "$STATE/keystone.db" 'PRAGMA journal_mode=WAL;' > /dev/null
  [ -e "$STATE/fernet-keys/0" ] || quiet keystone-manage $KM fernet_setup --keystone-user root --keystone-group root
  [ -e "$STATE/credential-keys/0" ] || quiet keystone-manage $KM credential_setup --keystone-user root --keystone-group root
  quiet keystone-manage $KM bootstrap \
    --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id "$REGION" \
    --bootstrap-admin-url "$KEYSTONE_URL" --bootstrap-internal-url "$KEYSTONE_URL" \
    --bootstrap-public-url "$KEYSTONE_URL"
  touch "$DONE/keystone-db"
  timing keystone_db_sync_keys_bootstrap "$(elapsed "$t0")"
fi

if pid_alive "$PIDS/keystone.pid" keystone-wsgi-public && [ $KEYSTONE_CONF_CHANGED = 1 ]; then
  log "keystone.conf changed: restarting keystone"
  stop_pid "$PIDS/keystone.pid" keystone-wsgi-public 15
fi
if pid_alive "$PIDS/keystone.pid" keystone-wsgi-public; then
  log "keystone already running (pid $(cat "$PIDS/keystone.pid"))"
else
  require_free "$KEYSTONE_PORT" Keystone
  t0=$(now)
  # uwsgi's HTTP router (--http, needs the 'http' plugin) in front of ONE worker on
  # a unix socket: keep-alive is handled asynchronously in the router. Not
  # --http-socket (HTTP/1.1 answers without 'Connection: close', then the socket
  # is dropped: pooling clients such as HttpClient get 'connection reset') and not
  # --http11-socket (an idle keep-alive client pins the only worker for 4 s).
  # No --threads: sqlite connections must not cross threads.
  setsid nohup uwsgi --plugin http,python3 --http "$HOST:$KEYSTONE_PORT" --http-keepalive \
    --http-timeout 60 --socket "$RUN/keystone.sock" --chmod-socket=600 \
    --wsgi-file /usr/bin/keystone-wsgi-public --master --processes "$KEYSTONE_PROCESSES" \
    --lazy-apps --die-on-term --need-app --buffer-size 65535 \
    --env "OS_KEYSTONE_CONFIG_DIR=$ETC" \
    --logto "$LOG/uwsgi-keystone.log" < /dev/null > "$LOG/uwsgi-keystone.out" 2>&1 &
  echo $! > "$PIDS/keystone.pid"
  sleep 0.3
  pid_alive "$PIDS/keystone.pid" keystone-wsgi-public || { cat "$LOG/uwsgi-keystone.out" >&2; die "uwsgi for keystone exited at once"; }
  wait_http "$KEYSTONE_URL" 90 || { tail -30 "$LOG/uwsgi-keystone.log" >&2; die "keystone did not come up"; }
  timing keystone_start_to_first_answer "$(elapsed "$t0")"
fi

# ------------------------------------------------ catalog / users via REST ---
ks_token() { # user password project
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$1\",\"domain\":{\"id\":\"default\"},\"password\":\"$2\"}}},\"scope\":{\"project\":{\"name\":\"$3\",\"domain\":{\"id\":\"default\"}}}}}" \
    "$KEYSTONE_URL/auth/tokens" | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' | tr -d '\r'
}
jget() { # dotted path into JSON on stdin ("projects.0.id"); prints "" if absent
  $PY -c 'import json,sys
v = json.load(sys.stdin)
for p in sys.argv[1].split("."):
    try:
        v = v[int(p)] if isinstance(v, list) else v[p]
    except (IndexError, KeyError, ValueError, TypeError):
        v = None
        break
print("" if v is None else v)' "$1"; }
ks() { # METHOD path [json]
  if [ $# -ge 3 ]; then
    curl -sf -X "$1" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' -d "$3" "$KEYSTONE_URL$2"
  else
    curl -sf -X "$1" -H "X-Auth-Token: $TOKEN" "$KEYSTONE_URL$2"
  fi
}
id_of() { ks GET "/$1?$2" | jget "$1.0.id"; }   # collection query -> first id
ensure_project() { # name description
  local id; id=$(id_of projects "name=$1&domain_id=default")
  [ -n "$id" ] || id=$(ks POST /projects "{\"project\":{\"name\":\"$1\",\"domain_id\":\"default\",\"description\":\"$2\"}}" | jget project.id)
  [ -n "$id" ] || die "could not create project $1"
  echo "$id"
}
ensure_role() { # name
  local id; id=$(id_of roles "name=$1")
  [ -n "$id" ] || id=$(ks POST /roles "{\"role\":{\"name\":\"$1\"}}" | jget role.id)
  [ -n "$id" ] || die "could not create role $1"
  echo "$id"
}
ensure_user() { # name password project_id project_name
  local id; id=$(id_of users "name=$1&domain_id=default")
  if [ -z "$id" ]; then
    id=$(ks POST /users "{\"user\":{\"name\":\"$1\",\"domain_id\":\"default\",\"password\":\"$2\",\"default_project_id\":\"$3\"}}" | jget user.id)
  elif [ -z "$(ks_token "$1" "$2" "$4" 2>/dev/null)" ]; then
    # only when the password really differs: a change revokes the user's tokens
    # (watcher-api's keystonemiddleware then answers 503 until it re-authenticates)
    ks PATCH "/users/$id" "{\"user\":{\"password\":\"$2\"}}" > /dev/null
  fi
  [ -n "$id" ] || die "could not create user $1"
  echo "$id"
}
ensure_service() { # type name description
  local id; id=$(id_of services "type=$1")
  [ -n "$id" ] || id=$(ks POST /services "{\"service\":{\"type\":\"$1\",\"name\":\"$2\",\"description\":\"$3\",\"enabled\":true}}" | jget service.id)
  [ -n "$id" ] || die "could not create service $1"
  echo "$id"
}
ensure_endpoints() { # service_id url
  local iface eid cur
  for iface in public internal admin; do
    cur=$(ks GET "/endpoints?service_id=$1&interface=$iface")
    eid=$(echo "$cur" | jget endpoints.0.id)
    if [ -z "$eid" ]; then
      ks POST /endpoints "{\"endpoint\":{\"service_id\":\"$1\",\"interface\":\"$iface\",\"url\":\"$2\",\"region_id\":\"$REGION\",\"enabled\":true}}" > /dev/null
    elif [ "$(echo "$cur" | jget endpoints.0.url)" != "$2" ]; then
      ks PATCH "/endpoints/$eid" "{\"endpoint\":{\"url\":\"$2\",\"region_id\":\"$REGION\"}}" > /dev/null
    fi
  done
}

t0=$(now)
TOKEN=$(ks_token admin "$ADMIN_PASSWORD" admin)
[ -n "$TOKEN" ] || die "could not get an admin token from $KEYSTONE_URL (ADMIN_PASSWORD differs from the one this state dir was bootstrapped with? then remove $STATE)"
if [ ! -e "$DONE/catalog" ] || [ "$(cat "$DONE/catalog")" != "$KEYSTONE_URL $WATCHER_URL $COMPUTE_URL $PLACEMENT_URL $MONASCA_URL $DEMO_PASSWORD $WATCHER_PASSWORD" ]; then
  ADMIN_ROLE=$(ensure_role admin)
  MEMBER_ROLE=$(ensure_role member)
  SERVICE_PROJECT=$(ensure_project service "Service project")
  WATCHER_USER=$(ensure_user watcher "$WATCHER_PASSWORD" "$SERVICE_PROJECT" service)
  ks PUT "/projects/$SERVICE_PROJECT/users/$WATCHER_USER/roles/$ADMIN_ROLE" > /dev/null
  DEMO_PROJECT=$(ensure_project demo "Non-admin project for scoping and policy tests")
  DEMO_USER=$(ensure_user demo "$DEMO_PASSWORD" "$DEMO_PROJECT" demo)
  ks PUT "/projects/$DEMO_PROJECT/users/$DEMO_USER/roles/$MEMBER_ROLE" > /dev/null
  ensure_endpoints "$(ensure_service identity keystone "OpenStack Identity")" "$KEYSTONE_URL"
  ensure_endpoints "$(ensure_service infra-optim watcher "Infrastructure Optimization")" "$WATCHER_URL"
  ensure_endpoints "$(ensure_service compute nova "Nova stand-in (read-only, tests/OpenStack.NovaStandIn)")" "$COMPUTE_URL"
  ensure_endpoints "$(ensure_service placement placement "Placement stand-in (read-only, tests/OpenStack.NovaStandIn)")" "$PLACEMENT_URL"
  ensure_endpoints "$(ensure_service monitoring monasca "Monasca (catalog entry only; pact stub serves it)")" "$MONASCA_URL"
  echo "$KEYSTONE_URL $WATCHER_URL $COMPUTE_URL $PLACEMENT_URL $MONASCA_URL $DEMO_PASSWORD $WATCHER_PASSWORD" > "$DONE/catalog"
  timing keystone_users_and_catalog "$(elapsed "$t0")"
fi

# ----------------------------------------------------- start the stand-in ---
if [ $NSI_NEEDS_BUILD = 1 ]; then
  wait "$NSI_JOB" || { cat "$LOG/novastandin-build.job" >&2; die "building the Nova stand-in failed"; }
  NSI_REBUILT=1
  cat "$LOG/novastandin-build.job" >&2
fi
if pid_alive "$PIDS/nova-standin.pid" OpenStack.NovaStandIn.dll && [ $NSI_REBUILT = 1 ]; then
  stop_pid "$PIDS/nova-standin.pid" OpenStack.NovaStandIn.dll 5
fi
if pid_alive "$PIDS/nova-standin.pid" OpenStack.NovaStandIn.dll; then
  log "nova stand-in already running (pid $(cat "$PIDS/nova-standin.pid"))"
else
  require_free "$COMPUTE_PORT" "the compute stand-in"
  require_free "$PLACEMENT_PORT" "the placement stand-in"
  t0=$(now)
  DOTNET_gcServer=0 setsid nohup dotnet "$NSI_DLL" --compute-port "$COMPUTE_PORT" --placement-port "$PLACEMENT_PORT" \
    --log "$LOG/nova-standin.access.log" < /dev/null > "$LOG/nova-standin.out" 2>&1 &
  echo $! > "$PIDS/nova-standin.pid"
  NSI_STARTED=$t0
fi

# ---------------------------------------------------------------- watcher ---
wait "$WDB_JOB" || { cat "$LOG/watcher-db-init.job" >&2; die "watcher DB init failed"; }
cat "$LOG/watcher-db-init.job" >&2
if [ $WATCHER_CONF_CHANGED = 1 ]; then
  for s in watcher-applier watcher-decision-engine watcher-api; do
    if pid_alive "$PIDS/$s.pid" "$s"; then log "watcher.conf changed: restarting $s"; stop_pid "$PIDS/$s.pid" "$s" 8; fi
  done
fi

if pid_alive "$PIDS/watcher-api.pid" watcher-api; then
  log "watcher-api already running (pid $(cat "$PIDS/watcher-api.pid"))"
else
  require_free "$WATCHER_PORT" "the Watcher API"
  t0=$(now)
  setsid nohup watcher-api --config-file "$ETC/watcher.conf" < /dev/null > "$LOG/watcher-api.out" 2>&1 &
  echo $! > "$PIDS/watcher-api.pid"
  wait_http "$WATCHER_URL/" 90 || { tail -30 "$LOG/watcher-api.out" >&2; die "watcher-api did not come up"; }
  timing watcher_api_start_to_first_answer "$(elapsed "$t0")"
fi

# the stand-in and the broker were started in the background above: wait for them now
if [ -n "${NSI_STARTED:-}" ]; then
  { wait_tcp "$COMPUTE_PORT" 30 && wait_tcp "$PLACEMENT_PORT" 5; } || { cat "$LOG/nova-standin.out" >&2; die "the Nova stand-in did not start"; }
  pid_alive "$PIDS/nova-standin.pid" OpenStack.NovaStandIn.dll || { cat "$LOG/nova-standin.out" >&2; die "the Nova stand-in exited"; }
  timing novastandin_start_to_port_open "$(elapsed "$NSI_STARTED")"
fi
if [ -n "${RMQ_STARTED:-}" ]; then
  wait_tcp "$RABBIT_PORT" 120 || { tail -30 "$LOG/rabbitmq.out" >&2; die "rabbitmq did not come up"; }
  timing rabbitmq_start_to_port_open "$(elapsed "$RMQ_STARTED")"
fi

WTOKEN=$TOKEN
w() { curl -s -H "X-Auth-Token: $WTOKEN" -H 'Content-Type: application/json' "$@"; }

start_consumers() {
  if pid_alive "$PIDS/watcher-decision-engine.pid" watcher-decision-engine; then
    log "watcher-decision-engine already running (pid $(cat "$PIDS/watcher-decision-engine.pid"))"
  else
    # Guard for a kept state dir: Watcher 9.0.0's engine crashes on start
    # (EagerlyLoadedAuditRequired in cancel_ongoing_audits) if a ONESHOT audit is
    # still ONGOING from a previous run; cancel those through the API first.
    for a in $(w "$WATCHER_URL/v1/audits?limit=1000" | $PY -c 'import json,sys
for a in json.load(sys.stdin).get("audits", []):
    if a["state"] == "ONGOING" and a["audit_type"] == "ONESHOT": print(a["uuid"])'); do
      w -o /dev/null -X PATCH -d '[{"op":"replace","path":"/state","value":"CANCELLED"}]' "$WATCHER_URL/v1/audits/$a" \
        && log "cancelled audit $a left ONGOING by a previous run"
    done
    ENGINE_STARTED=$(now)
    setsid nohup watcher-decision-engine --config-file "$ETC/watcher.conf" < /dev/null > "$LOG/watcher-decision-engine.out" 2>&1 &
    echo $! > "$PIDS/watcher-decision-engine.pid"
  fi
  if pid_alive "$PIDS/watcher-applier.pid" watcher-applier; then
    log "watcher-applier already running (pid $(cat "$PIDS/watcher-applier.pid"))"
  else
    # (the applier itself cancels action plans left ONGOING, on start)
    setsid nohup watcher-applier --config-file "$ETC/watcher.conf" < /dev/null > "$LOG/watcher-applier.out" 2>&1 &
    echo $! > "$PIDS/watcher-applier.pid"
    APPLIER_STARTED=$(now)
  fi
}
start_consumers

# ------------------------------------------------------------ readiness ---
# Engine and applier are ready once their RPC queues exist: a cast sent before
# that (audit trigger, plan start) would be dropped by the broker. Check with a
# passive queue declare (kombu, from oslo.messaging's dependencies).
wait_queues() {
  $PY - "amqp://guest:guest@$HOST:$RABBIT_PORT//" 90 watcher.decision.control watcher.applier.control <<'PYEOF'
import sys, time, kombu
url, deadline, queues = sys.argv[1], time.time() + float(sys.argv[2]), sys.argv[3:]
while True:
    missing = list(queues)
    try:
        with kombu.Connection(url, connect_timeout=2) as conn:
            for q in queues:
                ch = conn.channel()
                try:
                    ch.queue_declare(queue=q, passive=True)
                    missing.remove(q)
                except Exception:
                    pass          # 404: the channel is closed by the broker
    except Exception:
        pass
    if not missing:
        sys.exit(0)
    if time.time() > deadline:
        print("missing RPC queues: " + " ".join(missing), file=sys.stderr)
        sys.exit(1)
    time.sleep(0.2)
PYEOF
}
if ! wait_queues; then
  # Seen now and then on a kept state dir right after another broker stopped: the consumers
  # never declare their queues. One restart of both has always been enough.
  log "the RPC queues of Watcher did not appear; restarting the decision engine and the applier once"
  for f in watcher-decision-engine watcher-applier; do
    pid_alive "$PIDS/$f.pid" "$f" && kill -KILL "$(cat "$PIDS/$f.pid")" 2>/dev/null || true
    rm -f "$PIDS/$f.pid"
  done
  start_consumers
  wait_queues || die "the RPC queues of Watcher did not appear, see $LOG/watcher-decision-engine.log and $LOG/watcher-applier.log"
fi
[ -n "${ENGINE_STARTED:-}${APPLIER_STARTED:-}" ] && timing watcher_rpc_queues_ready "$(elapsed "${ENGINE_STARTED:-$APPLIER_STARTED}")"
# and API -> engine RPC works (the first call also builds the compute model from the stand-in)
code=000
for _ in $(seq 1 20); do
  code=$(w -o /dev/null -w '%{http_code}' -m 20 "$WATCHER_URL/v1/strategies/dummy/state" || true)
  [ "$code" = 200 ] && break
  pid_alive "$PIDS/watcher-decision-engine.pid" watcher-decision-engine \
    || { tail -20 "$LOG/watcher-decision-engine.log" >&2 2>/dev/null; die "watcher-decision-engine died, see $LOG/watcher-decision-engine.log"; }
  sleep 0.5
done
[ "$code" = 200 ] || die "the decision engine does not answer RPC (last HTTP $code), see $LOG/watcher-decision-engine.log"
timing decision_engine_rpc_answer "$(elapsed "$t0")"
pid_alive "$PIDS/watcher-applier.pid" watcher-applier || die "watcher-applier died, see $LOG/watcher-applier.log"

GOALS=$(w "$WATCHER_URL/v1/goals" | $PY -c 'import json,sys; print(len(json.load(sys.stdin)["goals"]))') \
  || die "GET $WATCHER_URL/v1/goals failed"
[ "$GOALS" -gt 0 ] || die "watcher lists no goals"

# ---------------------------------------------------- clouds.yaml / openrc ---
cat > "$STATE/clouds.yaml" <<EOF
# Written by scripts/openstack-up.sh. Use: OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml openstack --os-cloud openstack-admin ...
clouds:
  openstack-admin:
    auth:
      auth_url: $KEYSTONE_URL
      username: admin
      password: $ADMIN_PASSWORD
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: $REGION
    interface: public
    identity_api_version: 3
  openstack-demo:
    auth:
      auth_url: $KEYSTONE_URL
      username: demo
      password: $DEMO_PASSWORD
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: $REGION
    interface: public
    identity_api_version: 3
EOF
openrc() { # user password project
  cat <<EOF
# Written by scripts/openstack-up.sh: source this file
export OS_AUTH_URL=$KEYSTONE_URL
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=$1
export OS_PASSWORD=$2
export OS_PROJECT_NAME=$3
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_INTERFACE=public
EOF
}
openrc admin "$ADMIN_PASSWORD" admin > "$STATE/openrc"
openrc demo "$DEMO_PASSWORD" demo > "$STATE/openrc-demo"
chmod 600 "$STATE/clouds.yaml" "$STATE/openrc" "$STATE/openrc-demo"

# Monasca has no server (retired upstream): the committed Monasca pact, served by `pact stub`,
# answers on the port the catalog's `monitoring` entry names.
if [ -x "$REPO/tests/pact-native/node_modules/@pact-foundation/pact-cli-linux-x64/standalone/pact" ]; then
  MONASCA_STUB="pact stub, pid"
  if ! bash "$HERE/pact-stub.sh" "$STATE"; then
    die "the Monasca pact stub did not start (see $STATE/log/pact-stub.log)"
  fi
else
  MONASCA_STUB="not served: run 'npm ci --prefix tests/pact-native' (scripts/prerequisites.sh) for the pact stub; pid"
fi

TOTAL=$(elapsed "$T_START")
timing total "$TOTAL"
p() { cat "$PIDS/$1.pid" 2>/dev/null || echo '-'; }
cat <<EOF
OpenStack (Debian bookworm, Zed) is up on loopback in ${TOTAL}s. State: $STATE
  Keystone        $KEYSTONE_URL          pid $(p keystone)
  Watcher API     $WATCHER_URL            pid $(p watcher-api)  (microversions 1.0-1.4)
  decision engine / applier                pid $(p watcher-decision-engine) / $(p watcher-applier)
  Nova stand-in   $COMPUTE_URL   placement $PLACEMENT_URL   pid $(p nova-standin)
  RabbitMQ        amqp://$HOST:$RABBIT_PORT        pid $(p rabbitmq-beam)  epmd $(p epmd)
  Monasca         $MONASCA_URL  ($MONASCA_STUB $(p pact-stub))
  admin           admin / $ADMIN_PASSWORD, project admin (domain Default, region $REGION)
  demo            demo / $DEMO_PASSWORD, project demo, role member (no admin: Watcher answers 403)
  clouds.yaml     $STATE/clouds.yaml  (clouds openstack-admin, openstack-demo)
  openrc          source $STATE/openrc   |   source $STATE/openrc-demo
  stop            bash $HERE/openstack-down.sh $STATE
EOF
