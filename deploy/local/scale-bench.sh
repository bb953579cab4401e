#!/usr/bin/env bash
# Throughput of analytics on the 3-node cluster with 1 and with 2 instances, in one run, the same way each time:
# the instances start (N partitions; with two, the partitions are rebalanced so that each is active on half), then
# BENCH_EVENTS quote events (16 instruments, so every partition gets work) are published to flowwatch.events as fast
# as the cluster confirms them, and the rate is the events over the time from the first to the last committed one
# (processed_event.processed_at: from queue to committed aggregates). Run by ./flowwatch test-scale (after the
# check) or alone: ./flowwatch bench-scale.
set -euo pipefail
FW_ROOT=${FW_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# shellcheck source=lib.sh
. "$FW_ROOT/deploy/local/lib.sh"
FW_SCALE_PROFILE=test
# shellcheck source=scale.sh
. "$FW_ROOT/deploy/local/scale.sh"
JAVA_HOME=${JAVA_HOME:-$(find_jdk)}; export JAVA_HOME

N=${FLOWWATCH_SCALE_PARTITIONS:-4}
EVENTS=${FLOWWATCH_SCALE_BENCH_EVENTS:-20000}
HTTP=${FLOWWATCH_SCALE_HTTP_BASE:-38100}
CP="$FW_ROOT/analytics-service/target/quarkus-app/lib/main/*"
tool() { "$JAVA_HOME/bin/java" -cp "$CP" "$FW_ROOT/deploy/local/ScaleTool.java" "$@"; }
DB=flowwatch_scale_bench

STARTED=""
if ! pid_alive "$(scale_node_pid 1)" || ! pid_alive "$(scale_node_pid 2)"; then
  STARTED=1
  trap 'scale_svc_stop_all; scale_cluster_stop' EXIT
  pg_start; pg_ensure_role
  scale_cluster_start
fi
# the check may have killed node 1: bring it back, the bench runs on all three
scale_node_start 1
FW_SCALE_MGMT_NODE=1

declare -A RATE
for instances in 1 2; do
  scale_fresh_db $DB
  scale_vhost scale-bench
  for i in $(seq 1 "$instances"); do
    scale_svc_start "bench-analytics-$i" analytics-service $((HTTP + 30 + i)) $DB scale-bench "$N"
  done
  for i in $(seq 1 "$instances"); do scale_svc_wait "bench-analytics-$i" $((HTTP + 30 + i)); done
  sleep 3
  [ "$instances" -gt 1 ] && scale_rebalance scale-bench flowwatch.analytics.events "$instances"
  split=$(scale_active_consumers scale-bench | grep '^flowwatch.analytics.events.[0-9]' | awk '{print $2}' | sort | uniq -c | awk '{printf "%s%s", sep, $1; sep="+"}')
  published=$(tool quotes "$(scale_addresses)" scale-bench "$EVENTS" $((1767225600000 + instances * 100000000)))
  deadline=$((SECONDS + 900))
  while [ "$(scale_psql $DB "select count(*) from processed_event")" -lt "$EVENTS" ]; do
    [ $SECONDS -lt $deadline ] || die "analytics did not commit $EVENTS events in 900 s"
    sleep 1
  done
  seconds=$(scale_psql $DB "select extract(epoch from max(processed_at) - min(processed_at)) from processed_event")
  RATE[$instances]=$(python3 -c "import sys; print(round(int(sys.argv[1]) / max(float(sys.argv[2]), 0.001)))" "$EVENTS" "$seconds")
  say "   $instances analytics instance(s), $N partitions (active per instance: $split): $EVENTS events committed in ${seconds} s = ${RATE[$instances]} events/s  (publisher: $published)"
  for i in $(seq 1 "$instances"); do scale_svc_kill "bench-analytics-$i"; done
done
say "THROUGHPUT (queue → committed aggregates, 3-node cluster, $N partitions, $EVENTS quote events): 1 instance ${RATE[1]} events/s, 2 instances ${RATE[2]} events/s (x$(python3 -c "import sys; print(round(int(sys.argv[2]) / int(sys.argv[1]), 2))" "${RATE[1]}" "${RATE[2]}"))"
psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
