# shellcheck shell=bash
# A 3-node RabbitMQ cluster on loopback for the scale-out layout (./flowwatch up --replicas, ./flowwatch test-scale).
# Sourced after lib.sh. Everything is private: node names, ports, epmd, Erlang cookie and state of its own; the
# main broker (36672-36674, epmd 34369) is never touched.

# Two profiles, so that the check never touches a cluster that `up --replicas` runs:
#   test (./flowwatch test-scale): nodes fw-scale-<k>@localhost, AMQP 37670+k, distribution 37770+k,
#        management 37870+k, Prometheus 38070+k, epmd 37369, state $FW_STATE/scale-test;
#   up   (./flowwatch up --replicas N): nodes fw-cluster-<k>@localhost, AMQP 36680+k, distribution 36690+k,
#        management 36700+k, Prometheus 36720+k, epmd 34370, state $FW_STATE/cluster.
# Never 35672-35682 (the CLI tools' range for the default distribution port): each profile's CLI tools get their own.
if [ "${FW_SCALE_PROFILE:-up}" = test ]; then
  FW_SCALE_DIR=${FLOWWATCH_SCALE_DIR:-$FW_STATE/scale-test}
  FW_SCALE_NAME=fw-scale
  FW_SCALE_AMQP_BASE=${FLOWWATCH_SCALE_AMQP_BASE:-37670}
  FW_SCALE_DIST_BASE=${FLOWWATCH_SCALE_DIST_BASE:-37770}
  FW_SCALE_MGMT_BASE=${FLOWWATCH_SCALE_MGMT_BASE:-37870}
  FW_SCALE_CTL_BASE=${FLOWWATCH_SCALE_CTL_BASE:-37970}
  FW_SCALE_PROM_BASE=${FLOWWATCH_SCALE_PROM_BASE:-38070}
  FW_SCALE_EPMD_PORT=${FLOWWATCH_SCALE_EPMD_PORT:-37369}
else
  FW_SCALE_DIR=${FLOWWATCH_CLUSTER_DIR:-$FW_STATE/cluster}
  FW_SCALE_NAME=fw-cluster
  FW_SCALE_AMQP_BASE=${FLOWWATCH_CLUSTER_AMQP_BASE:-36680}
  FW_SCALE_DIST_BASE=${FLOWWATCH_CLUSTER_DIST_BASE:-36690}
  FW_SCALE_MGMT_BASE=${FLOWWATCH_CLUSTER_MGMT_BASE:-36700}
  FW_SCALE_CTL_BASE=${FLOWWATCH_CLUSTER_CTL_BASE:-36710}
  FW_SCALE_PROM_BASE=${FLOWWATCH_CLUSTER_PROM_BASE:-36720}
  FW_SCALE_EPMD_PORT=${FLOWWATCH_CLUSTER_EPMD_PORT:-34370}
fi
FW_SCALE_NODES=${FLOWWATCH_SCALE_NODES:-3}

scale_node() { echo "$FW_SCALE_NAME-$1@localhost"; }
scale_amqp_port() { echo $((FW_SCALE_AMQP_BASE + $1)); }
scale_mgmt_port() { echo $((FW_SCALE_MGMT_BASE + $1)); }
scale_prom_port() { echo $((FW_SCALE_PROM_BASE + $1)); }
# host:port,… of every node: what the services get as rabbitmq-addresses.
scale_addresses() {
  local k out=""
  for k in $(seq 1 "$FW_SCALE_NODES"); do out="$out${out:+,}127.0.0.1:$(scale_amqp_port "$k")"; done
  echo "$out"
}

scale_env() { # node index
  local k=$1 dir="$FW_SCALE_DIR/node-$1"
  export HOME="$FW_SCALE_DIR/home" ERL_EPMD_PORT="$FW_SCALE_EPMD_PORT" RABBITMQ_NODENAME="$(scale_node "$k")"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$(scale_amqp_port "$k")"
  export RABBITMQ_DIST_PORT=$((FW_SCALE_DIST_BASE + k))
  export RABBITMQ_CTL_DIST_PORT_MIN=$((FW_SCALE_CTL_BASE + 2 * k - 1)) RABBITMQ_CTL_DIST_PORT_MAX=$((FW_SCALE_CTL_BASE + 2 * k))
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$FW_SCALE_DIR/enabled_plugins" RABBITMQ_CONFIG_FILE="$FW_SCALE_DIR/rabbitmq.conf"
  export RABBITMQ_SERVER_START_ARGS="-rabbitmq_management tcp_config [{ip,\"127.0.0.1\"},{port,$(scale_mgmt_port "$k")}] -rabbitmq_prometheus tcp_config [{ip,\"127.0.0.1\"},{port,$(scale_prom_port "$k")}]"
}

scale_ctl() { # node index, rabbitmqctl args…
  local k=$1; shift
  ( scale_env "$k"; /usr/lib/rabbitmq/bin/rabbitmqctl -n "$(scale_node "$k")" "$@" )
}

scale_node_pid() { pid_of "$FW_SCALE_DIR/node-$1/rabbitmq.pid"; }

scale_node_start() { # node index
  local k=$1 dir="$FW_SCALE_DIR/node-$1"
  if pid_alive "$(scale_node_pid "$k")"; then return; fi
  local var=FLOWWATCH_CLUSTER; [ "$FW_SCALE_NAME" = fw-scale ] && var=FLOWWATCH_SCALE
  require_free_port "$(scale_amqp_port "$k")" "RabbitMQ node $(scale_node "$k")" "${var}_AMQP_BASE"
  require_free_port "$((FW_SCALE_DIST_BASE + k))" "RabbitMQ node $(scale_node "$k") distribution" "${var}_DIST_BASE"
  require_free_port "$(scale_mgmt_port "$k")" "RabbitMQ node $(scale_node "$k") management" "${var}_MGMT_BASE"
  require_free_port "$(scale_prom_port "$k")" "RabbitMQ node $(scale_node "$k") Prometheus" "${var}_PROM_BASE"
  mkdir -p "$dir/mnesia" "$dir/log"
  rm -f "$dir/rabbitmq.pid"
  ( scale_env "$k"; cd "$dir" && /usr/lib/rabbitmq/bin/rabbitmq-server -detached >"$dir/log/start.log" 2>&1 ) \
    || { cat "$dir/log/start.log" >&2; die "scale RabbitMQ node $k did not start"; }
  scale_ctl "$k" wait --timeout 120 "$dir/rabbitmq.pid" >"$dir/log/wait.log" 2>&1 \
    || { tail -30 "$dir/log/wait.log" >&2; die "scale RabbitMQ node $k did not start (logs: $dir/log)"; }
}

# Starts the cluster (idempotent): node 1, then the others joining it; user and vhost as on the main broker.
scale_cluster_start() {
  mkdir -p "$FW_SCALE_DIR/home"
  local cookie="$FW_SCALE_DIR/home/.erlang.cookie"
  if [ ! -f "$cookie" ]; then
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$cookie"
    chmod 400 "$cookie"
  fi
  echo '[rabbitmq_management,rabbitmq_consistent_hash_exchange,rabbitmq_prometheus].' >"$FW_SCALE_DIR/enabled_plugins"
  printf '%s\n' 'vm_memory_high_watermark.relative = 0.2' 'cluster_partition_handling = pause_minority' \
    >"$FW_SCALE_DIR/rabbitmq.conf"
  epmd_start "$FW_SCALE_EPMD_PORT" "$FW_SCALE_DIR" "$FW_SCALE_DIR/epmd.log"
  local k
  for k in $(seq 1 "$FW_SCALE_NODES"); do
    scale_node_start "$k"
    if [ "$k" -gt 1 ] && ! scale_ctl "$k" cluster_status 2>/dev/null | grep -q "$(scale_node 1)"; then
      scale_ctl "$k" stop_app >/dev/null
      scale_ctl "$k" join_cluster "$(scale_node 1)" >/dev/null 2>&1 || die "node $k could not join the cluster"
      scale_ctl "$k" start_app >/dev/null
    fi
  done
  scale_ctl 1 list_users -q 2>/dev/null | grep -q "^$FW_DB_USER\b" || scale_ctl 1 add_user "$FW_DB_USER" "$FW_DB_PASSWORD" >/dev/null
  scale_ctl 1 set_user_tags "$FW_DB_USER" administrator >/dev/null
  say "RabbitMQ cluster of $FW_SCALE_NODES nodes up: $(scale_addresses) (management http://127.0.0.1:$(scale_mgmt_port 1))"
}

scale_ensure_vhost() { # name
  scale_ctl 1 list_vhosts -q 2>/dev/null | grep -qx "$1" || scale_ctl 1 add_vhost "$1" >/dev/null
  scale_ctl 1 set_permissions -p "$1" "$FW_DB_USER" '.*' '.*' '.*' >/dev/null
}

scale_cluster_running() { pid_alive "$(scale_node_pid 1)"; }

scale_vhost() { # name: (re)created empty
  scale_ctl 1 list_vhosts -q 2>/dev/null | grep -qx "$1" && scale_ctl 1 delete_vhost "$1" >/dev/null
  scale_ctl 1 add_vhost "$1" >/dev/null
  scale_ctl 1 set_permissions -p "$1" "$FW_DB_USER" '.*' '.*' '.*' >/dev/null
}

# kill -9 of one node (what the scale test does mid-stream).
scale_node_kill() { local pid; pid=$(scale_node_pid "$1"); pid_alive "$pid" && kill -9 "$pid"; rm -f "$FW_SCALE_DIR/node-$1/rabbitmq.pid"; }

scale_cluster_stop() {
  local k pid
  for k in $(seq "$FW_SCALE_NODES" -1 1); do
    pid=$(scale_node_pid "$k")
    if pid_alive "$pid"; then
      scale_ctl "$k" stop "$FW_SCALE_DIR/node-$k/rabbitmq.pid" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.2; done
      pid_alive "$pid" && kill -9 "$pid"
      say "  stopped RabbitMQ node $(scale_node "$k") (pid $pid)"
    fi
    rm -f "$FW_SCALE_DIR/node-$k/rabbitmq.pid"
  done
  stop_pid "$FW_SCALE_DIR/epmd.pid" "the cluster's epmd"
}

# --- service instances on the cluster -------------------------------------------------------------------------
scale_psql() { # database, SQL: one value per line
  pg_as_owner "$(pg_bin)/psql" -h "$(PG_DIR)" -p "$FW_PG_PORT" -U postgres -d "$1" -v ON_ERROR_STOP=1 -qtA -c "$2"
}

scale_fresh_db() { # name: dropped and created again
  psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1
  psql_admin -c "CREATE DATABASE $1 OWNER $FW_DB_USER" >/dev/null
}

# scale_svc_start NAME SERVICE HTTP_PORT DATABASE VHOST PARTITIONS: one JVM of SERVICE on the cluster, PID in
# $FW_SCALE_DIR/run/NAME.pid (the JVM itself), log in $FW_SCALE_DIR/logs/NAME.log.
scale_svc_start() {
  local name=$1 service=$2 port=$3 db=$4 vhost=$5 partitions=$6
  local jar="$FW_ROOT/$service/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || die "$jar is missing: build first (./flowwatch build)"
  require_free_port "$port" "$name" FLOWWATCH_SCALE_HTTP_BASE
  mkdir -p "$FW_SCALE_DIR/run" "$FW_SCALE_DIR/logs"
  # appended: an instance restarted on failed liveness keeps the log of its first life
  echo "==== $(date -u +%FT%TZ) starting $name ($service, port $port, $partitions partitions)" >>"$FW_SCALE_DIR/logs/$name.log"
  (
    cd "$FW_ROOT" || exit 1
    export FLOWWATCH_PG_PORT="$FW_PG_PORT" FLOWWATCH_DB_NAME="$db" RABBITMQ_ADDRESSES="$(scale_addresses)"
    export RABBITMQ_VIRTUAL_HOST="$vhost" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1
    export FLOWWATCH_ANALYTICS_PARTITIONS="$partitions" FLOWWATCH_ALERT_PARTITIONS="$partitions"
    export FLOWWATCH_MAIL_MOCK=true FLOWWATCH_ALERT_WEBHOOK_ALLOW_LIST=127.0.0.1/32
    # several JVMs start at once on a small machine: give the first database connection time
    export QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=60S
    nohup "$JAVA_HOME/bin/java" $(svc_jvm_options "$service") -jar "$jar" \
      </dev/null >>"$FW_SCALE_DIR/logs/$name.log" 2>&1 &
    echo $! >"$FW_SCALE_DIR/run/$name.pid"
  )
}

scale_svc_wait() { # name, port, timeout s
  local deadline=$((SECONDS + ${3:-600}))
  while [ $SECONDS -lt $deadline ]; do
    pid_alive "$(pid_of "$FW_SCALE_DIR/run/$1.pid")" || { tail -30 "$FW_SCALE_DIR/logs/$1.log" >&2; die "$1 exited (log: $FW_SCALE_DIR/logs/$1.log)"; }
    curl -fsS "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  tail -30 "$FW_SCALE_DIR/logs/$1.log" >&2
  die "$1 did not become ready in ${3:-600} s"
}

scale_svc_kill() { # name, signal (default TERM): by PID
  local pid; pid=$(pid_of "$FW_SCALE_DIR/run/$1.pid")
  if pid_alive "$pid"; then
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.2; done
    pid_alive "$pid" && kill -9 "$pid"
  fi
  rm -f "$FW_SCALE_DIR/run/$1.pid"
}

scale_svc_stop_all() {
  local f
  for f in "$FW_SCALE_DIR"/run/*.pid; do [ -f "$f" ] && scale_svc_kill "$(basename "$f" .pid)"; done
  return 0
}

# Which instance (PID) is the single active consumer of each partition queue of a vhost: "queue pid" lines.
scale_active_consumers() { # vhost
  curl -fsS -u "$FW_DB_USER:$FW_DB_PASSWORD" "http://127.0.0.1:$(scale_mgmt_port "${FW_SCALE_MGMT_NODE:-1}")/api/consumers/$1" | python3 -c '
import json, re, subprocess, sys
sockets = subprocess.run(["ss", "-tnpH"], capture_output=True, text=True).stdout.splitlines()
def pid(port):
    for line in sockets:
        fields = line.split()
        if len(fields) >= 5 and fields[3].endswith(":" + str(port)) and "pid=" in line:
            return re.search(r"pid=(\d+)", line).group(1)
    return "?"
for c in sorted(json.load(sys.stdin), key=lambda c: c["queue"]["name"]):
    if c.get("active"):
        print(c["queue"]["name"], pid(c["channel_details"]["peer_port"]), c["channel_details"]["connection_name"])'
}

# Single active consumers are never rebalanced by RabbitMQ 3.10: the instance that subscribed first keeps every
# partition. This hands partitions over until each instance (PID) is active on at most ceil(N/instances): it closes
# the connection of an excess consumer through the management API; the connector reconnects (2 s) and subscribes
# again, now behind the standby, which takes over. Unacknowledged messages return to the queue; the consumers are
# idempotent, and a batch still being committed is waited for (processed ids are unique), so nothing is lost or
# counted twice.
scale_rebalance() { # vhost, queue prefix, instances
  local vhost=$1 prefix=$2 instances=$3 round
  for round in 1 2 3 4 5 6; do
    local lines; lines=$(scale_active_consumers "$vhost" | grep "^$prefix\.[0-9]")
    local total; total=$(printf '%s\n' "$lines" | grep -c . || true)
    [ "$total" -gt 0 ] || return 0
    local fair=$(( (total + instances - 1) / instances ))
    local excess; excess=$(printf '%s\n' "$lines" | awk -v fair="$fair" '{n[$2]++; if (n[$2] > fair) {$1=""; $2=""; sub(/^  /, ""); print; exit}}')
    [ -n "$excess" ] || return 0
    local encoded; encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$excess")
    curl -fsS -o /dev/null -X DELETE -u "$FW_DB_USER:$FW_DB_PASSWORD" \
      -H 'X-Reason: flowwatch rebalance' "http://127.0.0.1:$(scale_mgmt_port "${FW_SCALE_MGMT_NODE:-1}")/api/connections/$encoded" || true
    sleep 4
  done
}

# Messages (ready + unacknowledged) in the queues of a vhost whose names start with a prefix.
scale_queue_depth() { # vhost, prefix
  curl -fsS -u "$FW_DB_USER:$FW_DB_PASSWORD" "http://127.0.0.1:$(scale_mgmt_port "${FW_SCALE_MGMT_NODE:-1}")/api/queues/$1?columns=name,messages" \
    | python3 -c 'import json, sys; print(sum(q.get("messages", 0) or 0 for q in json.load(sys.stdin) if q["name"].startswith(sys.argv[1]) and not q["name"].endswith(".parked")))' "$2"
}

# The broker's own count of dead-lettered and dropped messages, by reason and strategy, summed over the running
# nodes (rabbitmq_prometheus' global counters; a node that was killed lost its counts): "metric{labels} value" lines.
scale_dead_letter_counts() {
  local k
  for k in $(seq 1 "$FW_SCALE_NODES"); do
    pid_alive "$(scale_node_pid "$k")" || continue
    curl -fsS "http://127.0.0.1:$(scale_prom_port "$k")/metrics" 2>/dev/null \
      | grep -E '^rabbitmq_global_messages_(dead_lettered|unroutable)' | grep -v ' 0$' | sed "s/^/node $k: /" || true
  done
  return 0
}
