# shellcheck shell=bash
# The local (one-machine) runtime of flowwatch: private PostgreSQL and RabbitMQ on loopback, the four
# services as processes. Sourced by ./flowwatch; every function here is idempotent.

FW_ROOT=${FW_ROOT:?}
FW_STATE=${FLOWWATCH_STATE_DIR:-$FW_ROOT/.flowwatch}
FW_PG_PORT=${FLOWWATCH_PG_PORT:-35432}
FW_AMQP_PORT=${FLOWWATCH_AMQP_PORT:-36672}
# Not 35672-35682: RabbitMQ's CLI tools take client ports there (distribution port + 10000).
FW_RABBIT_MGMT_PORT=${FLOWWATCH_RABBIT_MGMT_PORT:-36673}
FW_RABBIT_DIST_PORT=${FLOWWATCH_RABBIT_DIST_PORT:-36674}
FW_EPMD_PORT=${FLOWWATCH_EPMD_PORT:-34369}
FW_RABBIT_NODE=${FLOWWATCH_RABBIT_NODE:-flowwatch@localhost}
FW_DB_USER=flowwatch
FW_DB_PASSWORD=${FLOWWATCH_DB_PASSWORD:-flowwatch}
FW_SERVICES=(ingest-service analytics-service alert-service gateway)
declare -A FW_SERVICE_PORT=(
  [gateway]=${FLOWWATCH_GATEWAY_PORT:-8080}
  [ingest-service]=${FLOWWATCH_INGEST_PORT:-8081}
  [analytics-service]=${FLOWWATCH_ANALYTICS_PORT:-8082}
  [alert-service]=${FLOWWATCH_ALERT_PORT:-8083}
)
# Database per service; tests use their own databases and vhosts beside these.
declare -A FW_SERVICE_DB=(
  [ingest-service]=flowwatch_ingest [analytics-service]=flowwatch_analytics
  [alert-service]=flowwatch_alert [gateway]=flowwatch_gateway
)
FW_VHOST=flowwatch
FW_TEST_VHOSTS=(flowwatch-test-ingest flowwatch-test-analytics flowwatch-test-alert flowwatch-test-gateway flowwatch-test-e2e)
FW_TEST_DBS=(flowwatch_test_ingest flowwatch_test_analytics flowwatch_test_alert flowwatch_test_gateway
  flowwatch_e2e_ingest flowwatch_e2e_analytics flowwatch_e2e_alert flowwatch_e2e_gateway)

say() { printf '%s\n' "$*" >&2; }
die() { say "flowwatch: $*"; exit 1; }

# --- JDK -------------------------------------------------------------------------------------------
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(java_major "$JAVA_HOME")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$JAVA_HOME"; return; fi
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/ /opt/java/*/ /usr/local/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d"); v=${v:-0}
    if [ "$v" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  [ -n "$best" ] || die "no JDK 21 or newer found (JAVA_HOME is '${JAVA_HOME:-unset}', nothing suitable under /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or point JAVA_HOME at it."
  echo "$best"
}

# --- ports and processes ---------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# Empty (and success) without a PID file: callers run under set -e, where a failing $(pid_of …) would end them.
pid_of() { if [ -f "$1" ]; then tr -d ' \n' <"$1" | head -c 20; fi; }

require_free_port() { # port, what, variable that overrides it
  if port_in_use "$1"; then
    die "port $1 (for $2) is already taken by another process. flowwatch will not touch it; choose another port with $3=<port> ./flowwatch …"
  fi
}

# Stop a process by PID: TERM, wait, then KILL.
stop_pid() { # pidfile, name, [seconds to wait before KILL, 20 by default]
  local pid wait=${3:-20}; pid=$(pid_of "$1")
  if pid_alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((wait * 5))); do pid_alive "$pid" || break; sleep 0.2; done
    if pid_alive "$pid"; then
      say "  $2 did not stop in $wait s; killing $pid"; kill -9 "$pid" 2>/dev/null || true
      { echo killed >&3; } 2>/dev/null || true # tells a caller that asked (on descriptor 3) that the stop was forced
    fi
    say "  stopped $2 (pid $pid)"
  fi
  rm -f "$1"
}

# epmd_start PORT DIR LOG: a private epmd on loopback (PID in DIR/epmd.pid), unless something answers on PORT.
epmd_start() {
  port_in_use "$1" && return 0
  local epmd; epmd=$(ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -1)
  ( cd "$2" || exit 1
    nohup "$epmd" -port "$1" -address 127.0.0.1 </dev/null >"$3" 2>&1 &
    echo $! >"$2/epmd.pid" )
  sleep 0.3
}

# --- packages --------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi; }

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || die "$* is missing and this is not a Debian-like system; install it and retry"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq >&2 || true; APT_UPDATED=1; fi
  say "installing $* (Debian packages) …"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || die "could not install $*"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

ensure_packages() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || apt_install rabbitmq-server
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || apt_install postgresql-15
  command -v curl >/dev/null || apt_install curl
}

# What only the tests need: a real browser for the dashboard test, yamllint for the manifests.
ensure_test_packages() {
  [ -x /usr/bin/chromium ] || apt_install chromium
  command -v yamllint >/dev/null || apt_install yamllint
  command -v npm >/dev/null || apt_install nodejs npm
  ( cd "$FW_ROOT/gateway/src/test/dashboard" && npm ci --no-audit --no-fund --silent >&2 ) \
    || die "could not install the dashboard test's npm packages"
}

# --- PostgreSQL ------------------------------------------------------------------------------------
PG_DIR() { echo "$FW_STATE/postgres"; }

pg_as_owner() { # run a PostgreSQL binary as the data directory's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { pid_alive "$(head -1 "$(PG_DIR)/data/postmaster.pid" 2>/dev/null)"; }

pg_start() {
  local dir bin; dir=$(PG_DIR); bin=$(pg_bin)
  if pg_running; then say "PostgreSQL already running (port $FW_PG_PORT)"; return; fi
  require_free_port "$FW_PG_PORT" PostgreSQL FLOWWATCH_PG_PORT
  mkdir -p "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    say "initialising a private PostgreSQL cluster in $dir/data"
    printf '%s\n' "$FW_DB_PASSWORD" >"$dir/pwfile"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
    chmod 700 "$dir"
    pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$dir/pwfile"
  fi
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
  pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $FW_PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${FLOWWATCH_PG_FSYNC:-on}" start >/dev/null \
    || { tail -20 "$dir/postgres.log" >&2; die "PostgreSQL did not start (log: $dir/postgres.log)"; }
  say "PostgreSQL started on 127.0.0.1:$FW_PG_PORT (pid $(head -1 "$dir/data/postmaster.pid"))"
}

psql_admin() { pg_as_owner "$(pg_bin)/psql" -h "$(PG_DIR)" -p "$FW_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

pg_ensure_role() {
  psql_admin -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$FW_DB_USER') THEN
      CREATE ROLE $FW_DB_USER LOGIN PASSWORD '$FW_DB_PASSWORD'; END IF; END \$\$;" >/dev/null
}

pg_ensure_db() { # name
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $1 OWNER $FW_DB_USER" >/dev/null
  fi
}

pg_stop() {
  local dir; dir=$(PG_DIR)
  if pg_running; then
    pg_as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || stop_pid "$dir/data/postmaster.pid" PostgreSQL
    say "  stopped PostgreSQL"
  fi
}

# --- RabbitMQ --------------------------------------------------------------------------------------
RB_DIR() { echo "$FW_STATE/rabbitmq"; }

rabbit_env() {
  local dir; dir=$(RB_DIR)
  export HOME="$dir/home" ERL_EPMD_PORT="$FW_EPMD_PORT" RABBITMQ_NODENAME="$FW_RABBIT_NODE"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$FW_AMQP_PORT" RABBITMQ_DIST_PORT="$FW_RABBIT_DIST_PORT"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_SERVER_START_ARGS="-rabbitmq_management tcp_config [{ip,\"127.0.0.1\"},{port,$FW_RABBIT_MGMT_PORT}]"
}

rabbitmqctl() { ( rabbit_env; /usr/lib/rabbitmq/bin/rabbitmqctl -n "$FW_RABBIT_NODE" "$@" ); }

rabbit_running() { pid_alive "$(pid_of "$(RB_DIR)/rabbitmq.pid")"; }

rabbit_start() {
  local dir; dir=$(RB_DIR)
  if rabbit_running; then say "RabbitMQ already running (port $FW_AMQP_PORT)"; return; fi
  require_free_port "$FW_AMQP_PORT" "RabbitMQ AMQP" FLOWWATCH_AMQP_PORT
  require_free_port "$FW_RABBIT_MGMT_PORT" "RabbitMQ management" FLOWWATCH_RABBIT_MGMT_PORT
  require_free_port "$FW_RABBIT_DIST_PORT" "RabbitMQ distribution" FLOWWATCH_RABBIT_DIST_PORT
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  echo '[rabbitmq_management,rabbitmq_consistent_hash_exchange].' >"$dir/enabled_plugins"
  # Quorum queues keep a delivery count; more memory headroom than the default for bursts.
  printf '%s\n' 'vm_memory_high_watermark.relative = 0.4' >"$dir/rabbitmq.conf"
  # A private epmd on our own port, so that a system-wide one (4369) is never touched; we own its PID.
  epmd_start "$FW_EPMD_PORT" "$dir" "$dir/log/epmd.log"
  rm -f "$dir/rabbitmq.pid"
  ( rabbit_env; cd "$dir" && /usr/lib/rabbitmq/bin/rabbitmq-server -detached >"$dir/log/start.log" 2>&1 ) \
    || { cat "$dir/log/start.log" >&2; die "RabbitMQ did not start"; }
  # 'wait' follows the PID file until the node has booted (or the process died).
  rabbitmqctl wait --timeout 120 "$dir/rabbitmq.pid" >"$dir/log/wait.log" 2>&1 \
    || { tail -30 "$dir/log/wait.log" "$dir/log/$FW_RABBIT_NODE.log" >&2; die "RabbitMQ did not start (logs: $dir/log)"; }
  say "RabbitMQ started on 127.0.0.1:$FW_AMQP_PORT (management http://127.0.0.1:$FW_RABBIT_MGMT_PORT, pid $(pid_of "$dir/rabbitmq.pid"))"
}

rabbit_ensure_user() {
  rabbitmqctl list_users -q 2>/dev/null | grep -q "^$FW_DB_USER\b" \
    || rabbitmqctl add_user "$FW_DB_USER" "$FW_DB_PASSWORD" >/dev/null
  rabbitmqctl set_user_tags "$FW_DB_USER" administrator >/dev/null
}

rabbit_ensure_vhost() { # name
  rabbitmqctl list_vhosts -q 2>/dev/null | grep -qx "$1" || rabbitmqctl add_vhost "$1" >/dev/null
  rabbitmqctl set_permissions -p "$1" "$FW_DB_USER" '.*' '.*' '.*' >/dev/null
}

rabbit_reset_vhost() { # name: a clean slate for a test run
  rabbitmqctl list_vhosts -q 2>/dev/null | grep -qx "$1" && rabbitmqctl delete_vhost "$1" >/dev/null
  rabbit_ensure_vhost "$1"
}

rabbit_stop() {
  local dir pid; dir=$(RB_DIR); pid=$(pid_of "$dir/rabbitmq.pid")
  if pid_alive "$pid"; then
    rabbitmqctl stop "$dir/rabbitmq.pid" >/dev/null 2>&1 || stop_pid "$dir/rabbitmq.pid" RabbitMQ
    for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.2; done
    pid_alive "$pid" && kill -9 "$pid"
    say "  stopped RabbitMQ (pid $pid)"
  fi
  rm -f "$dir/rabbitmq.pid"
  stop_pid "$dir/epmd.pid" "epmd"
}

# --- infrastructure as a whole ---------------------------------------------------------------------
infra_start() {
  mkdir -p "$FW_STATE"
  ensure_packages
  pg_start
  pg_ensure_role
  local db; for db in "${FW_SERVICE_DB[@]}"; do pg_ensure_db "$db"; done
  rabbit_start
  rabbit_ensure_user
  rabbit_ensure_vhost "$FW_VHOST"
}

infra_running() { pg_running && rabbit_running; }

infra_stop() { rabbit_stop; pg_stop; }

# The environment every service and test JVM reads (see each application.properties).
service_env() {
  export FLOWWATCH_PG_PORT="$FW_PG_PORT" FLOWWATCH_AMQP_PORT="$FW_AMQP_PORT" FLOWWATCH_STATE_DIR="$FW_STATE"
  export FLOWWATCH_RABBIT_MGMT_PORT="$FW_RABBIT_MGMT_PORT"
  export FLOWWATCH_INGEST_URL="http://127.0.0.1:${FW_SERVICE_PORT[ingest-service]}"
  export FLOWWATCH_ANALYTICS_URL="http://127.0.0.1:${FW_SERVICE_PORT[analytics-service]}"
  export FLOWWATCH_ALERT_URL="http://127.0.0.1:${FW_SERVICE_PORT[alert-service]}"
}

# --- services --------------------------------------------------------------------------------------
svc_pidfile() { echo "$FW_STATE/run/$1.pid"; }
svc_log() { echo "$FW_STATE/logs/$1.log"; }

# svc_start SERVICE [INSTANCE PORT]: one JVM of SERVICE; a replica (up --replicas) has its own name and port.
svc_start() {
  local svc=$1 s=${2:-$1} port=${3:-${FW_SERVICE_PORT[$1]}} jar="$FW_ROOT/$1/target/quarkus-app/quarkus-run.jar"
  mkdir -p "$FW_STATE/run" "$FW_STATE/logs"
  if pid_alive "$(pid_of "$(svc_pidfile "$s")")"; then say "$s already running (port $port)"; return; fi
  local var; var="FLOWWATCH_$(echo "${svc%-service}" | tr a-z A-Z)_PORT"
  [ "$s" = "$svc" ] || var=FLOWWATCH_REPLICA_PORT_STEP
  require_free_port "$port" "$s" "$var"
  [ -f "$jar" ] || die "$jar is missing: build first (./flowwatch build)"
  # Locally, webhooks to this machine are allowed (an operator's choice) and e-mail is logged, not sent,
  # unless FLOWWATCH_SMTP_HOST points at a real server. The JVM itself is the background job, so that the
  # PID file names the process that `down` must stop.
  (
    service_env
    cd "$FW_ROOT" || exit 1
    export QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1
    export FLOWWATCH_ALERT_WEBHOOK_ALLOW_LIST=${FLOWWATCH_ALERT_WEBHOOK_ALLOW_LIST:-127.0.0.1/32}
    export FLOWWATCH_MAIL_MOCK=${FLOWWATCH_MAIL_MOCK:-$([ -n "${FLOWWATCH_SMTP_HOST:-}" ] && echo false || echo true)}
    # Two malloc arenas instead of glibc's default of up to 8 per core: the JVM allocates little outside its heap,
    # and each arena can keep freed native memory resident (a common setting for JVMs; its effect here not measured).
    export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
    local jvm; read -r -a jvm <<<"$(svc_jvm_options "$svc")"
    # Appended, not truncated: after a crash and a restart the log still says what came before (the fault suite's
    # diagnostics read it).
    echo "=== $(date -u +%FT%TZ) starting $s ===" >>"$(svc_log "$s")"
    # shellcheck disable=SC2046 # svc_aot_option prints zero or one option
    nohup "$JAVA_HOME/bin/java" "${jvm[@]}" $(svc_aot_option "$svc" "$s" "${jvm[*]}") -jar "$jar" \
      </dev/null >>"$(svc_log "$s")" 2>&1 &
    echo $! >"$(svc_pidfile "$s")"
  )
}

# Out of memory, a JVM exits (status names it STOPPED) rather than limp on with half-dead threads.
# FLOWWATCH_SERVICE_JVM_OPTIONS replaces the collector choice (and may add any other option). From JDK 22 the JVM
# returns freed native memory every 5 s (-XX:TrimNativeHeapInterval): the C heap was 31-34 MB of each of ingest's and
# analytics' RSS at 1,000 events/s, 14-22 MB with it (one run each; the JIT's arenas had peaked at 44 MB in analytics).
# The collector: under heavy load (the bench's ~4,000 events/s warm-up) ingest and analytics allocate 155-200 MB/s,
# objects in flight outlive the young collections, and under Serial GC the old generation fills: ingest made 10-13
# full collections of 160-200 ms on average (up to 447) in each run, analytics 1-12 of 200-540. G1 (pause goal 50 ms)
# made none, its longest pause 74-107 ms, and ingest's and analytics' RSS ~60 and ~115 MB smaller. alert-service and
# the gateway never needed a full collection and are 20-40 MB smaller under Serial GC (252-288 MB against 281-315
# under G1), so they keep it.
# The JIT: ingest and analytics compile with C2 alone (-XX:-TieredCompilation). Tiered compilation kept 12-17 MB of
# C1's profiled code resident; under the 1,000 events/s load ingest's code cache held 21 MB
# and analytics' 27 (8 and 9 MB with C2 alone), and in the twenty-first full run their RSS was 277 and 309 MB against
# 305 and 330 in the twentieth, with the pipeline as fast after the bench's warm-up (ratio 0.586 against 0.602; in
# 30 s runs after a short warm-up it was 15 % slower) and start-up unchanged (1.3-1.7 s, the AOT cache does the start).
# FLOWWATCH_SERVICE_JVM_OPTIONS=-XX:+TieredCompilation turns it back on.
svc_jvm_options() { # service
  local trim="" gc="-XX:+UseSerialGC" jit=""
  [ "$(java_major "$JAVA_HOME")" -ge 22 ] 2>/dev/null && trim="-XX:TrimNativeHeapInterval=5000"
  case "$1" in ingest-service | analytics-service) gc="-XX:+UseG1GC -XX:MaxGCPauseMillis=50" jit="-XX:-TieredCompilation" ;; esac
  # shellcheck disable=SC2086 # $jit is no option or one
  echo "-Xms64m -Xmx${FLOWWATCH_SERVICE_HEAP:-256m}" $jit "${FLOWWATCH_SERVICE_JVM_OPTIONS:-$gc} $trim -XX:+ExitOnOutOfMemoryError"
}

svc_wait_healthy() { # service or instance, timeout seconds, [port]
  local s=$1 port=${3:-${FW_SERVICE_PORT[$1]:-}} deadline=$((SECONDS + ${2:-90}))
  while [ $SECONDS -lt $deadline ]; do
    pid_alive "$(pid_of "$(svc_pidfile "$s")")" || { tail -30 "$(svc_log "$s")" >&2; die "$s exited (log: $(svc_log "$s"))"; }
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  tail -30 "$(svc_log "$s")" >&2
  die "$s did not become ready in ${2:-90} s (log: $(svc_log "$s"))"
}

svc_stop() { # service or instance
  local svc=${1%-[0-9]*} killed wait=20
  # A JVM recording its AOT cache writes it on the way out, which takes a while on a busy machine.
  [ "$svc" = "$1" ] && [ -f "$(svc_aot_cache "$svc").recording.config" ] && wait=180
  killed=$(stop_pid "$(svc_pidfile "$1")" "$1" "$wait" 3>&1 >/dev/null)
  svc_aot_keep "$svc" "$1" "$killed"
}

# --- AOT cache (JDK 25+: JEP 483/514) ---------------------------------------------------------------
# A service's first start after a build records the classes it loads and links (the packaging is Quarkus' aot-jar,
# so that its own classes are on the class path the cache covers); the JVM writes the cache when that process
# exits cleanly, and every later start maps it: start-up is several times shorter. A newer build makes the cache
# stale, so it is dropped and recorded again. Replicas use the cache but never record (one writer per file).
svc_aot_cache() { echo "$FW_STATE/aot/$1.aot"; }

# A cache fits one JDK build and one set of heap options: a JVM refuses to start at all from a cache recorded with
# other heap settings, so the cache's key (the JDK's release file and the JVM options) must match too.
svc_aot_option() { # service, instance, the JVM options of the start
  local svc=$1 s=$2 cache app key; cache=$(svc_aot_cache "$1")
  [ "${FLOWWATCH_AOT:-true}" = true ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null || return 0
  app="$FW_ROOT/$svc/target/quarkus-app"
  key="$(cksum <"$JAVA_HOME/release" 2>/dev/null) $3"
  if [ -f "$cache" ] && [ "$(cat "$cache.key" 2>/dev/null)" = "$key" ] \
      && [ -z "$(find "$app" -newer "$cache" -name '*.jar' -print -quit)" ]; then
    echo "-XX:AOTCache=$cache"
  elif [ "$s" = "$svc" ]; then
    mkdir -p "$(dirname "$cache")"; rm -f "$cache" "$cache.key" "$cache.recording"*
    printf '%s' "$key" >"$cache.recording.key"
    echo "-XX:AOTCacheOutput=$cache.recording"
  fi
}

# svc_aot_record SERVICE...: a start and a clean stop of each stopped service that has no current cache yet, so that
# the next start maps one (the benchmark measures start-up from the cache, as users get it from their second start).
svc_aot_record() {
  local s todo=()
  for s in "$@"; do
    pid_alive "$(pid_of "$(svc_pidfile "$s")")" && continue
    case "$(svc_aot_option "$s" "$s" "$(svc_jvm_options "$s")")" in -XX:AOTCacheOutput=*) todo+=("$s") ;; esac
  done
  [ ${#todo[@]} -gt 0 ] || return 0
  say "recording JDK AOT caches for: ${todo[*]}"
  for s in "${todo[@]}"; do svc_start "$s"; done
  for s in "${todo[@]}"; do svc_wait_healthy "$s" 240; done
  for s in "${todo[@]}"; do svc_stop "$s"; done
}

svc_aot_keep() { # service, instance, "killed" when the stop had to KILL: the recording is then incomplete
  local cache; cache=$(svc_aot_cache "$1")
  [ "$1" = "$2" ] || return 0
  if [ "$3" != killed ] && [ -f "$cache.recording" ]; then
    mv "$cache.recording.key" "$cache.key"; mv "$cache.recording" "$cache"
  fi
  rm -f "$cache.recording"*
}
