#!/usr/bin/env bash
# The scale-out check (./flowwatch test-scale): a 3-node RabbitMQ cluster on loopback, and
#  1. a reference run, one instance of each service with one partition: the seed week (ingest's file imports) and a
#     generated stream (ingest's push API); its aggregates and alerts are dumped;
#  2. the scaled run, the same events (ingest's event log, same ids, same order) published to the cluster, two
#     instances of analytics and of alert-service with N partitions each; mid-stream one analytics instance is
#     killed (kill -9) and then one RabbitMQ node (kill -9); its aggregates and alerts must equal the reference
#     run's, with every event counted exactly once;
#  3. (unless FLOWWATCH_SCALE_BENCH=0) throughput from queue to committed aggregates with 1 and with 2 analytics
#     instances, same method, same run.
# Everything it starts it stops by PID; its databases are flowwatch_scale_* on the shared PostgreSQL.
set -euo pipefail
FW_ROOT=${FW_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# shellcheck source=lib.sh
. "$FW_ROOT/deploy/local/lib.sh"
FW_SCALE_PROFILE=test
# shellcheck source=scale.sh
. "$FW_ROOT/deploy/local/scale.sh"
JAVA_HOME=${JAVA_HOME:-$(find_jdk)}; export JAVA_HOME

N=${FLOWWATCH_SCALE_PARTITIONS:-4}
QUOTES=${FLOWWATCH_SCALE_QUOTES:-4000}
LIQUIDATIONS=${FLOWWATCH_SCALE_LIQUIDATIONS:-2000}
BENCH_EVENTS=${FLOWWATCH_SCALE_BENCH_EVENTS:-20000}
SEED=${FLOWWATCH_SEED_DIR:-$FW_ROOT/deploy/demo/seed-week}
HTTP=${FLOWWATCH_SCALE_HTTP_BASE:-38100}
WORK="$FW_SCALE_DIR/work"
CP="$FW_ROOT/analytics-service/target/quarkus-app/lib/main/*"
tool() { "$JAVA_HOME/bin/java" -cp "$CP" "$FW_ROOT/deploy/local/ScaleTool.java" "$@"; }
db() { echo "flowwatch_scale_$1"; }
jdbc() { echo "jdbc:postgresql://127.0.0.1:$FW_PG_PORT/$(db "$1")"; }
count() { scale_psql "$(db "$1")" "$2"; }

PG_STARTED=""
cleanup() {
  say "stopping what the scale check started"
  scale_svc_stop_all
  [ "${FLOWWATCH_SCALE_KEEP_CLUSTER:-}" = 1 ] || scale_cluster_stop
  [ -n "$PG_STARTED" ] && pg_stop
  return 0
}
trap cleanup EXIT

pg_running || { PG_STARTED=1; }
pg_start
pg_ensure_role
# A cluster that is not running starts from empty state: quorum queues left by an earlier run (whose members may be
# gone) make deleting their vhost wait for a quorum, 5 s per queue.
scale_cluster_running || rm -rf "$FW_SCALE_DIR"/node-*
scale_cluster_start
if [ "${FLOWWATCH_SCALE_REUSE_REFERENCE:-}" = 1 ] && [ -s "$WORK/ref.dump" ]; then
  rm -f "$WORK/run.dump" "$WORK/diff.txt"
  for d in run_analytics run_alert; do scale_fresh_db "$(db $d)"; done
else
  rm -rf "$WORK" "$FW_SCALE_DIR/logs"; mkdir -p "$WORK"
  for d in ref_ingest ref_analytics ref_alert run_analytics run_alert; do scale_fresh_db "$(db $d)"; done
fi
scale_vhost scale-ref
scale_vhost scale-run

# What Kubernetes' liveness probe does: an instance whose /q/health/live is DOWN twice in a row is restarted. (When
# the node a connector is connected to dies, the SmallRye RabbitMQ connector reconnects, but a channel copy can end
# with a BackPressureFailure and stay down; liveness reports it.)
declare -A INSTANCE_ARGS=() DOWN_COUNT=()
instance() { # name service port db vhost partitions
  INSTANCE_ARGS[$1]="$2 $3 $4 $5 $6"
  scale_svc_start "$@"
}
supervise() {
  local name args status
  for name in "${!INSTANCE_ARGS[@]}"; do
    pid_alive "$(pid_of "$FW_SCALE_DIR/run/$name.pid")" || continue
    read -r -a args <<<"${INSTANCE_ARGS[$name]}"
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${args[1]}/q/health/live" || true)
    if [ "$status" = 503 ]; then
      DOWN_COUNT[$name]=$(( ${DOWN_COUNT[$name]:-0} + 1 ))
      if [ "${DOWN_COUNT[$name]}" -ge 2 ]; then
        say "   $name: liveness DOWN, restarting it (as Kubernetes would)"
        scale_svc_kill "$name"
        scale_svc_start "$name" "${args[@]}"
        DOWN_COUNT[$name]=0
        RESTARTS=$((RESTARTS + 1))
      fi
    else
      DOWN_COUNT[$name]=0
    fi
  done
}
RESTARTS=0

# What a failed check leaves to look at ($WORK/diagnosis.txt, and the main points on stderr): the events of the log
# that analytics never committed (by type and partition key, and whether any log names them), the parking queue as
# analytics lists it, every queue's depth, the broker's dead-letter counters, and the consumers' warnings.
diagnose() {
  local out="$WORK/diagnosis.txt" port
  set +e # a look around: nothing here may end the script before it reports
  {
    echo "## events of the log that run_analytics did not commit"
    count ref_ingest "select id || ' ' || routing_key from event_log order by seq" >"$WORK/log-ids.txt"
    count run_analytics "select id from processed_event" | sort >"$WORK/processed-ids.txt"
    python3 - "$WORK/log-ids.txt" "$WORK/processed-ids.txt" >"$WORK/missing.txt" <<'PY'
import sys
processed = set(open(sys.argv[2]).read().split())
for line in open(sys.argv[1]):
    event_id, key = line.split()
    if event_id not in processed:
        print(event_id, key)
PY
    echo "missing: $(grep -c . "$WORK/missing.txt" || true)"
    awk '{split($2, w, "."); print w[1] "." w[2]}' "$WORK/missing.txt" | sort | uniq -c
    echo "## logs that name the first missing ids"
    for id in $(head -5 "$WORK/missing.txt" | awk '{print $1}'); do grep -l "$id" "$FW_SCALE_DIR"/logs/*.log 2>/dev/null || echo "$id: in no log"; done
    echo "## parking queue (analytics GET /api/v1/parked)"
    for port in $((HTTP + 12)) $((HTTP + 11)); do
      curl -fsS "http://127.0.0.1:$port/api/v1/parked?limit=1000" 2>/dev/null | python3 -c '
import collections, json, sys
parked = json.load(sys.stdin)
print(len(parked), "parked")
for reason, n in collections.Counter(p["reason"][:160] for p in parked).most_common(20):
    print(n, reason)' && break
    done
    echo "## queues (messages, ready, unacknowledged, consumers)"
    curl -fsS -u "$FW_DB_USER:$FW_DB_PASSWORD" "http://127.0.0.1:$(scale_mgmt_port "${FW_SCALE_MGMT_NODE:-1}")/api/queues/scale-run?columns=name,messages,messages_ready,messages_unacknowledged,consumers,leader" \
      | python3 -c 'import json, sys; [print(q["name"], q.get("messages"), q.get("messages_ready"), q.get("messages_unacknowledged"), q.get("consumers"), q.get("leader")) for q in json.load(sys.stdin)]' || true
    echo "## broker dead-letter counters (running nodes)"
    scale_dead_letter_counts
    echo "## analytics warnings and redeliveries"
    grep -h -E "WARN|ERROR|delivered before|parking|==== " "$FW_SCALE_DIR"/logs/run-analytics-*.log | grep -v -E "BlockedThreadChecker|MeterRegistry" | cut -c1-300 | tail -150
  } >"$out" 2>&1
  sed -n '1,/^## analytics warnings/p' "$out" | head -80 >&2
  say "   (diagnosis: $out)"
}

# Waits until analytics committed every event of the log, its outbox is sent and alert-service's queues are empty,
# and all of that held for a while (the management API's figures lag by up to 5 s).
quiesce() { # analytics db, alert-ish vhost, expected events, timeout s
  local stable=0 idle=0 last="" deadline=$((SECONDS + $4)) processed unsent depth
  while [ $SECONDS -lt $deadline ]; do
    supervise
    processed=$(count "$1" "select count(*) from processed_event")
    unsent=$(count "$1" "select count(*) from metric_outbox where sent_at is null")
    depth=$(scale_queue_depth "$2" flowwatch. 2>/dev/null || echo "?")
    if [ "$processed" = "$3" ] && [ "$unsent" = 0 ] && [ "$depth" = 0 ]; then
      stable=$((stable + 1)); [ $stable -ge 8 ] && return 0
    elif [ "$unsent" = 0 ] && [ "$depth" = 0 ] && [ "$processed" = "$last" ]; then
      # every queue empty and nothing committed for a minute: what is missing will not come any more
      idle=$((idle + 1)); stable=0
      [ $idle -ge 30 ] && break
    else
      stable=0; idle=0
    fi
    last=$processed
    sleep 2
  done
  [ "$1" = run_analytics ] && diagnose
  die "not quiet (after $4 s, or a minute with every queue empty): processed $processed of $3, metric outbox unsent $unsent, queued $depth"
}

dump() { # run (ref|run) → $WORK/<run>.dump: aggregates and alerts, canonical order, no ids of this run
  {
    echo "## processed events";  count "${1}_analytics" "select count(*) from processed_event"
    echo "## published metrics (last value of every series)"
    count "${1}_analytics" "select series_key || ' ' || fingerprint from published_metric order by 1"
    echo "## flow figures";      count "${1}_analytics" "select source, product, trading_date, revision, net_flow_usd, event_id from flow_figure order by 1, 2, 3, 4"
    echo "## holdings figures";  count "${1}_analytics" "select source, scope, date, total_net_assets_usd, event_id from holdings_figure order by 1, 2, 3"
    echo "## quote points";      count "${1}_analytics" "select instrument, time, price_usd, market_cap_usd, event_id from quote_point order by 1, 2"
    echo "## liquidations";      count "${1}_analytics" "select venue, side, count(*), sum(notional_usd) from liquidation group by 1, 2 order by 1, 2"
    # Without the value: a transition records the first value analytics published past the threshold, and which
    # partial sums of a day get published depends on where its batches happened to end (timing, even with one
    # instance: seed-week BTC 2026-01-21 fired at -643.6M, the sum of its first four funds, or at the day's
    # -708.7M). The values are compared below, for information.
    echo "## alert transitions"; count "${1}_alert" "select rule_id, series, from_state, to_state, at, episode from alert_transition order by 1, 2, 5, 6, 3"
    echo "## notifications";     count "${1}_alert" "select rule_id, series, kind, episode, at, severity from notification order by 1, 2, 5, 3"
  } >"$WORK/$1.dump"
  count "${1}_alert" "select rule_id, series, from_state, to_state, at, episode, value from alert_transition order by 1, 2, 5, 6, 3" >"$WORK/$1.values"
}

import_file() { # port, format, file, query
  curl -fsS -o /dev/null -X POST -H 'Content-Type: text/csv' --data-binary "@$3" \
    "http://127.0.0.1:$1/api/v1/imports?format=$2&$4" || die "import of $3 failed"
}

# --- 1. reference: one of each, one partition ---------------------------------------------------------------
if [ "${FLOWWATCH_SCALE_REUSE_REFERENCE:-}" = 1 ] && [ -s "$WORK/ref.dump" ]; then
  say "== reference run: reusing the last one (FLOWWATCH_SCALE_REUSE_REFERENCE=1)"
  TOTAL=$(count ref_ingest "select count(*) from event_log")
else
say "== reference run: one ingest, one analytics, one alert-service, 1 partition"
scale_svc_start ref-ingest ingest-service $((HTTP + 1)) "$(db ref_ingest)" scale-ref 1
scale_svc_start ref-analytics analytics-service $((HTTP + 2)) "$(db ref_analytics)" scale-ref 1
scale_svc_start ref-alert alert-service $((HTTP + 3)) "$(db ref_alert)" scale-ref 1
scale_svc_wait ref-ingest $((HTTP + 1)); scale_svc_wait ref-analytics $((HTTP + 2)); scale_svc_wait ref-alert $((HTTP + 3))
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$((HTTP + 3))/api/v1/rules/demo" || die "could not install the demo rules"
import_file $((HTTP + 1)) farside-flows "$SEED/btc-spot-etf-flows.csv" "asset=BTC&kind=us-spot-etf&source=farside"
import_file $((HTTP + 1)) farside-flows "$SEED/eth-spot-etf-flows.csv" "asset=ETH&kind=us-spot-etf&source=farside"
import_file $((HTTP + 1)) farside-flows "$SEED/xrp-spot-etf-flows.csv" "asset=XRP&kind=us-spot-etf&source=farside"
import_file $((HTTP + 1)) farside-flows "$SEED/sol-spot-etf-flows.csv" "asset=SOL&kind=us-spot-etf&source=farside"
import_file $((HTTP + 1)) quotes "$SEED/quotes.csv" "source=coingecko"
import_file $((HTTP + 1)) holdings "$SEED/holdings.csv" ""
import_file $((HTTP + 1)) liquidations "$SEED/liquidations.csv" "source=hyperliquid"
tool generate "$WORK/stream" "$QUOTES" "$LIQUIDATIONS" >/dev/null
for f in "$WORK"/stream/*.json; do
  curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$f" \
    "http://127.0.0.1:$((HTTP + 1))/api/v1/events" || die "pushing $f failed"
done
TOTAL=$(count ref_ingest "select count(*) from event_log")
say "   $TOTAL events in ingest's log (seed week + generated stream)"
quiesce ref_analytics scale-ref "$TOTAL" 600
dump ref
say "   reference: $(count ref_analytics "select count(*) from published_metric") series, $(count ref_alert "select count(*) from alert_transition") alert transitions, $(count ref_alert "select count(*) from notification") notifications"
scale_svc_kill ref-analytics; scale_svc_kill ref-alert
fi

# --- 2. scaled: two of each, N partitions, an instance and a node killed mid-stream --------------------------
say "== scaled run: two analytics, two alert-service, $N partitions; kill -9 of one analytics instance and one RabbitMQ node mid-stream"
instance run-alert-1 alert-service $((HTTP + 21)) "$(db run_alert)" scale-run "$N"
instance run-alert-2 alert-service $((HTTP + 22)) "$(db run_alert)" scale-run "$N"
instance run-analytics-1 analytics-service $((HTTP + 11)) "$(db run_analytics)" scale-run "$N"
instance run-analytics-2 analytics-service $((HTTP + 12)) "$(db run_analytics)" scale-run "$N"
scale_svc_wait run-alert-1 $((HTTP + 21)); scale_svc_wait run-alert-2 $((HTTP + 22))
scale_svc_wait run-analytics-1 $((HTTP + 11)); scale_svc_wait run-analytics-2 $((HTTP + 12))
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$((HTTP + 21))/api/v1/rules/demo" || die "could not install the demo rules"
sleep 3
scale_rebalance scale-run flowwatch.analytics.events 2
scale_rebalance scale-run flowwatch.alert.metrics 2
say "   active consumers (queue, instance PID):"
scale_active_consumers scale-run | grep -v '\.parked ' | awk '{print "     " $1, $2}' >&2
A1=$(pid_of "$FW_SCALE_DIR/run/run-analytics-1.pid")
[ "$(scale_active_consumers scale-run | grep -c "^flowwatch.analytics.events.[0-9]* $A1 ")" -gt 0 ] \
  || say "   (run-analytics-1 is active on no partition: killing it tests only that a standby is not needed)"

PROGRESS="$WORK/progress"; echo 0 >"$PROGRESS"
tool publish "$(jdbc ref_ingest)" "$(scale_addresses)" scale-run "$PROGRESS" "${FLOWWATCH_SCALE_PACE_MS:-400}" \
  >"$WORK/publish.log" 2>&1 &
PUBLISHER=$!
published() { local n; n=$(cat "$PROGRESS" 2>/dev/null); echo "${n:-0}"; }
wait_progress() { while [ "$(published)" -lt "$1" ] && kill -0 "$PUBLISHER" 2>/dev/null; do sleep 0.2; done; }
wait_progress $((TOTAL / 3))
say "   $(published) published: kill -9 run-analytics-1 (pid $A1)"
unset 'INSTANCE_ARGS[run-analytics-1]'
scale_svc_kill run-analytics-1 9
wait_progress $((TOTAL * 2 / 3))
say "   $(published) published: kill -9 RabbitMQ node 1 ($(scale_node 1), pid $(scale_node_pid 1))"
scale_node_kill 1
FW_SCALE_MGMT_NODE=2
wait "$PUBLISHER" || { cat "$WORK/publish.log" >&2; die "the publisher failed"; }
say "   publisher: $(tail -1 "$WORK/publish.log")"
quiesce run_analytics scale-run "$TOTAL" 900
dump run
say "   after the kills, active consumers (queue, instance PID):"
scale_active_consumers scale-run | grep -v '\.parked ' | awk '{print "     " $1, $2}' >&2

if diff -u "$WORK/ref.dump" "$WORK/run.dump" >"$WORK/diff.txt"; then
  say "   redelivered messages seen by analytics: x-delivery-count at most $(grep -ho 'x-delivery-count up to [0-9]*' "$FW_SCALE_DIR"/logs/run-analytics-*.log | awk '{print $NF}' | sort -n | tail -1 || true); acks/nacks of ended subscriptions not sent: $(grep -ho '([0-9]* such so far)' "$FW_SCALE_DIR"/logs/run-analytics-*.log | tr -d '(' | sort -n | tail -1 | awk '{print $1}' || true); broker dead-letter counters: $(scale_dead_letter_counts | grep dead_lettered | tr '\n' ' ' || true)"
  if ! diff -q "$WORK/ref.values" "$WORK/run.values" >/dev/null; then
    say "   note: transitions that fired at another value of their series than in the reference (where the batches ended; see the dump):"
    { diff "$WORK/ref.values" "$WORK/run.values" | grep '^[<>]' | sed 's/^/     /' | head -20 >&2; } || true
  fi
  say "PASS: scaled run equals the reference: $(sed -n '2p' "$WORK/run.dump") events counted once each, $(grep -c . "$WORK/run.dump") lines of aggregates and alerts identical ($RESTARTS instance restart(s) on failed liveness)"
else
  head -60 "$WORK/diff.txt" >&2
  diagnose
  die "FAIL: the scaled run differs from the reference (full diff: $WORK/diff.txt)"
fi

# --- 3. throughput: 1 vs 2 analytics instances ----------------------------------------------------------------
[ "${FLOWWATCH_SCALE_BENCH:-1}" = 0 ] && exit 0
"$FW_ROOT/deploy/local/scale-bench.sh"
