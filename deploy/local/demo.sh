#!/usr/bin/env bash
# Loads the seed-week demo through the public API, the calls a user makes: the flow tables, quotes,
# holdings and liquidations, and the demo alert rules. Idempotent: a second run reports duplicates.
set -euo pipefail
FW_ROOT=${FW_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
FW_STATE=${FLOWWATCH_STATE_DIR:-$FW_ROOT/.flowwatch}
SEED=${FLOWWATCH_SEED_DIR:-$FW_ROOT/deploy/demo/seed-week}
API=${FLOWWATCH_API:-http://127.0.0.1:${FLOWWATCH_GATEWAY_PORT:-8080}}/api/v1
KEY_FILE="$FW_STATE/admin-api-key"

for _ in $(seq 1 50); do [ -s "$KEY_FILE" ] && break; sleep 0.2; done
[ -s "$KEY_FILE" ] || { echo "demo: no admin key at $KEY_FILE" >&2; exit 1; }
KEY=$(cat "$KEY_FILE")

import() { # format file query
  local out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X POST -H "X-API-Key: $KEY" -H 'Content-Type: text/csv' \
    --data-binary "@$2" "$API/imports?format=$1&$3")
  if [ "$status" -ge 300 ]; then
    echo "demo: importing $(basename "$2") failed with HTTP $status:" >&2; cat "$out" >&2; echo >&2; rm -f "$out"; exit 1
  fi
  printf '  %-26s %s\n' "$(basename "$2")" "$(tr -d '\n' <"$out" | sed -E 's/,?"ids":\[[^]]*\]//' | cut -c1-150)" >&2
  rm -f "$out"
}

echo "loading the seed-week demo from $SEED through $API" >&2
# Rules first, so that the alerts fire while the data arrives, as they would live.
curl -sS -f -o /dev/null -X POST -H "X-API-Key: $KEY" "$API/rules/demo" \
  || echo "demo: could not install the demo rules (is alert-service up?)" >&2
import farside-flows "$SEED/btc-spot-etf-flows.csv" "asset=BTC&kind=us-spot-etf&source=farside"
import farside-flows "$SEED/eth-spot-etf-flows.csv" "asset=ETH&kind=us-spot-etf&source=farside"
import farside-flows "$SEED/xrp-spot-etf-flows.csv" "asset=XRP&kind=us-spot-etf&source=farside"
import farside-flows "$SEED/sol-spot-etf-flows.csv" "asset=SOL&kind=us-spot-etf&source=farside"
import quotes "$SEED/quotes.csv" "source=coingecko"
import holdings "$SEED/holdings.csv" ""
import liquidations "$SEED/liquidations.csv" "source=hyperliquid"
# A read-only key for the dashboard, made once; the URL hands it to the page, which keeps it locally.
DASHBOARD_KEY_FILE="$FW_STATE/dashboard-api-key"
if [ ! -s "$DASHBOARD_KEY_FILE" ]; then
  ( umask 077; curl -sS -f -X POST -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
      -d '{"name":"dashboard","role":"reader"}' "$API/keys" | sed -E 's/.*"key":"([^"]+)".*/\1/' >"$DASHBOARD_KEY_FILE" )
fi
echo "demo loaded. Dashboard: http://127.0.0.1:${FLOWWATCH_GATEWAY_PORT:-8080}/#key=$(cat "$DASHBOARD_KEY_FILE")" >&2
echo "admin API key: $KEY_FILE" >&2
