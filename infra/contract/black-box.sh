#!/usr/bin/env bash
# The black-box contract check run by .ci/run: a fresh local runtime (the built jar) on free ports, Prism's
# validation proxy in front of it with the contract, and tour.mjs through the proxy. Any contract violation,
# unexpected status or operation left out fails it. Usage: infra/contract/black-box.sh [RECORD.json]
set -euo pipefail
cd "$(dirname "$0")"
JAR=../local/target/local-api.jar
[ -f "$JAR" ] || { echo "black-box: $JAR is missing (mvn -DskipTests package first)" >&2; exit 1; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
API_PORT=$(free_port)
PROXY_PORT=$(free_port)
LOGS=$(mktemp -d)
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT

# the demo menus stay quiet: simulated traffic would change wait times between the tour's two requests of its
# conditional GET (If-None-Match), which expects 304 for an unchanged answer
java -jar "$JAR" --port "$API_PORT" --api-key tour_key --api-secret tour_secret --rate-limit 0 --mock-push \
  --no-demo-traffic --webhook-backoff-scale 0.001 >"$LOGS/runtime.log" 2>&1 &
pids+=($!)
node_modules/.bin/prism proxy ../openapi.yaml "http://127.0.0.1:$API_PORT" --errors --host 127.0.0.1 --port "$PROXY_PORT" \
  >"$LOGS/prism.log" 2>&1 &
pids+=($!)

for _ in $(seq 120); do
  if curl -sf -o /dev/null "http://127.0.0.1:$API_PORT/openapi.yaml" && grep -q "Prism is listening" "$LOGS/prism.log"; then
    break
  fi
  sleep 1
done
if ! grep -q "Prism is listening" "$LOGS/prism.log" || ! curl -sf -o /dev/null "http://127.0.0.1:$API_PORT/openapi.yaml"; then
  echo "black-box: the local runtime or Prism did not start; logs:" >&2
  tail -20 "$LOGS/runtime.log" "$LOGS/prism.log" >&2
  exit 1
fi
node tour.mjs "http://127.0.0.1:$PROXY_PORT" tour_key:tour_secret "$@"
