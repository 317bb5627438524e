#!/usr/bin/env bash
# Performance bench (see docs/performance.md). Not part of the test command.
#   build/bench.sh [--quick] [--store sqlite|postgres|both]
# Builds in Release, measures the references (RS256 signing and PBKDF2 on this machine, oidc-provider as the peer,
# a trivial ASP.NET Core endpoint as the framework ceiling), then for each store starts the service, seeds it,
# runs every scenario with wrk (scripts in build/bench/*.lua) or the bench driver (build/bench/Driver), and stops
# what it started. Prints a Markdown table and writes it, with a JSON file, to build/bench/results/.
# Everything listens on 127.0.0.1; every load is bounded in time and connections.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/build/bench"
QUICK=""
STORES="sqlite postgres"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --store) shift; STORES="${1:-}"; [ "$STORES" = both ] && STORES="sqlite postgres" ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (usage: build/bench.sh [--quick] [--store sqlite|postgres|both])" >&2; exit 2 ;;
  esac
  shift
done

CORES="$(nproc)"
CONNECTIONS=32
WRK_THREADS="$CORES"
if [ -n "$QUICK" ]; then
  SECONDS_PER_RUN=3; WARMUP=1; SERVICE_WARMUP=5; MFA_USERS=64; CEILING_SECONDS=1; STARTUP_RUNS=1; EPHEMERAL_STARTUP_RUNS=3
  PROPAGATION_ROUNDS=20; PROPAGATION_USERS=3; PROPAGATION_SECONDS=20
else
  SECONDS_PER_RUN=8; WARMUP=3; SERVICE_WARMUP=20; MFA_USERS=120; CEILING_SECONDS=3; STARTUP_RUNS=3; EPHEMERAL_STARTUP_RUNS=7
  PROPAGATION_ROUNDS=50; PROPAGATION_USERS=10; PROPAGATION_SECONDS=60
fi
SCIM_USERS=100000
SIGNIN_USERS=$CONNECTIONS
PASSWORD="bench-password-not-secret"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/auth-bench.XXXXXX")"
RESULTS="$WORK/results.jsonl"
SERVICE_DIR="$WORK/service"
COMPOSITE_DIR="$WORK/service-composite"
STARTED_PIDS=()
PG_STARTED=""

log() { printf '[bench.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

apt_install() {
  log "installing $* from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Stops what this script started, by process id, and nothing else.
stop_pid() {
  local pid="$1"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
  STARTED_PIDS=()
  if [ -n "$PG_STARTED" ]; then
    PG_STARTED=""
    log "stopping PostgreSQL"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() {
  local pid="$1" kept=() p
  for p in "${STARTED_PIDS[@]}"; do [ "$p" != "$pid" ] && kept+=("$p"); done
  STARTED_PIDS=("${kept[@]}")
}

free_port() { # $1 = the first port to try
  local port
  for port in $(seq "$1" $(($1 + 100))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

wait_http() { # $1 = url, $2 = seconds
  # A deadline, not a count of tries: on a loaded machine each curl takes far longer than the 0.1 s between tries.
  local deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if curl -fsS --max-time 5 -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "no answer from $1 after $2 s"; return 1
}

driver() { dotnet "$BENCH/Driver/bin/Release/net10.0/Driver.dll" "$@"; }

# wrk SCRIPT URL STORE SCENARIO UNIT [extra env...]: one bounded load (warm-up first), one JSON line to results.
run_wrk() {
  local script="$1" url="$2" store="$3" scenario="$4" unit="$5"; shift 5
  local connections="${CONNS:-$CONNECTIONS}" threads="$WRK_THREADS"
  [ "$connections" -lt "$threads" ] && threads="$connections"
  env "$@" BENCH_LUA="$BENCH" BENCH_STORE="$store" BENCH_SCENARIO="warmup" BENCH_UNIT="$unit" \
    wrk -t "$threads" -c "$connections" -d "${WARMUP}s" --timeout 10s -s "$BENCH/$script" "$url" >/dev/null
  local cpu_before line
  cpu_before="$(cpu_ticks "${SERVICE_PID:-}")"
  line="$(env "$@" BENCH_LUA="$BENCH" BENCH_STORE="$store" BENCH_SCENARIO="$scenario" BENCH_UNIT="$unit" \
    wrk -t "$threads" -c "$connections" -d "${SECONDS_PER_RUN}s" --timeout 10s -s "$BENCH/$script" "$url" | grep '^{')"
  echo "$line" | tee -a "$RESULTS" >&2
  record_cpu "$store" "$scenario" "$cpu_before" "$(echo "$line" | sed -E 's/.*"note":"wrk, ([0-9]+) requests.*/\1/')"
}

# CPU time (user + system, in clock ticks) of the service process; empty when no service of ours is running.
cpu_ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{ print $14 + $15 }' "/proc/$1/stat" || true; }

# The service's CPU milliseconds per request over a run: what a request costs, whatever else the machine is doing.
record_cpu() { # store scenario ticks-before requests
  local after
  after="$(cpu_ticks "${SERVICE_PID:-}")"
  [ -n "$3" ] && [ -n "$after" ] && [ "${4:-0}" -gt 0 ] || return 0
  record "$1" "$2_cpu" "$(awk -v t=$((after - $3)) -v hz="$(getconf CLK_TCK)" -v n="$4" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')" \
    "CPU ms/request" "service process CPU (utime+stime) over the run, divided by requests"
}

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

record() { # store scenario value unit note
  printf '{"store":"%s","scenario":"%s","value":%s,"unit":"%s","errors":0,"note":"%s"}\n' "$@" | tee -a "$RESULTS" >&2
}

basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }

access_token() { # url client secret scope [extra form]
  curl -fsS -u "$2:$3" -d grant_type=client_credentials -d "scope=$4" ${5:+-d "$5"} "$1" | tr -d '\n' |
    sed -E 's/.*"access_token": *"([^"]+)".*/\1/'
}

require_active() { # introspection-url client secret token: the token the scenario introspects must be active
  curl -fsS -u "$2:$3" --data-urlencode "token=$4" "$1" | tr -d '\n' | grep -Eq '"active": *true' ||
    { log "introspection at $1 does not answer active:true"; return 1; }
}

ensure_tools() {
  command -v wrk >/dev/null 2>&1 || apt_install wrk
  command -v node >/dev/null 2>&1 || apt_install nodejs npm
  if [ ! -d "$BENCH/peer/node_modules/oidc-provider" ]; then
    log "installing the peer (oidc-provider) from the npm registry"
    (cd "$BENCH/peer" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    apt_install postgresql
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  mkdir -p "$WORK/pg" "$WORK/pgsocket"
  chmod 755 "$WORK"
  [ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pg" "$WORK/pgsocket"
  local port
  port="$(free_port 47400)"
  pg_as_owner "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # A throwaway cluster: durability off, as in build/test.sh; its own port, never the shared one.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pgsocket/postgres.log" -w -t 60 \
    -o "-p $port -k $WORK/pgsocket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  PG_STARTED=1
  PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Database=postgres;Pooling=true"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

write_seed() {
  cat >"$WORK/seed.json" <<'EOF'
{
  "scopes": [
    { "name": "orders.read", "resources": ["bench-api"] },
    { "name": "scim", "resources": ["scim"] }
  ],
  "clients": [
    { "clientId": "bench-service", "clientSecret": "bench-service-secret", "grantTypes": ["client_credentials"],
      "scopes": ["orders.read"], "accessTokenLifetime": 900 },
    { "clientId": "bench-api", "clientSecret": "bench-api-secret", "grantTypes": ["client_credentials"] },
    { "clientId": "bench-scim", "clientSecret": "bench-scim-secret", "grantTypes": ["client_credentials"], "scopes": ["scim"] },
    { "clientId": "bench-web", "grantTypes": ["authorization_code"], "scopes": ["openid", "mfa"],
      "redirectUris": ["http://127.0.0.1:9/callback"] }
  ]
}
EOF
}

# The service's settings for one store; exported, so the driver's start-up measurement starts it the same way.
service_env() { # store port
  export Urls="http://127.0.0.1:$2" OAuth__Issuer="http://127.0.0.1:$2/" Seed__File="$WORK/seed.json"
  export RateLimiting__Enabled=false Logging__LogLevel__Default=Warning DOTNET_ENVIRONMENT=Production
  export ASPNETCORE_ENVIRONMENT=Production Storage__DataDirectory="$WORK/data-$1"
  if [ "$1" = postgres ]; then export ConnectionStrings__Postgres="$PG_CONNECTION"; else unset ConnectionStrings__Postgres; fi
}

SERVICE_PID=""
start_service() { # port logname
  dotnet "$SERVICE_DIR/Auth.Api.dll" >"$WORK/$2.log" 2>&1 &
  SERVICE_PID=$!
  STARTED_PIDS+=("$SERVICE_PID")
  wait_http "http://127.0.0.1:$1/health" 120 || { tail -n 40 "$WORK/$2.log" >&2; return 1; }
}

stop_service() {
  stop_pid "$SERVICE_PID"; forget_pid "$SERVICE_PID"; SERVICE_PID=""
}

measure_peer() {
  local port url token
  port="$(free_port 47300)"; url="http://127.0.0.1:$port"
  log "peer: oidc-provider with $CORES workers on 127.0.0.1:$port"
  (cd "$BENCH/peer" && PEER_PORT="$port" PEER_WORKERS="$CORES" exec node server.js >"$WORK/peer.log" 2>&1) &
  local pid=$!
  STARTED_PIDS+=("$pid")
  wait_http "$url/.well-known/openid-configuration" 60 || { tail -n 40 "$WORK/peer.log" >&2; return 1; }
  run_wrk post_form.lua "$url" peer client_credentials tokens/s BENCH_PATH=/token \
    BENCH_BODY="grant_type=client_credentials&scope=orders.read" BENCH_AUTH="$(basic bench-service bench-service-secret)"
  token="$(access_token "$url/token" bench-service bench-service-secret orders.read resource=urn:bench:opaque-api)"
  require_active "$url/token/introspection" bench-api bench-api-secret "$token"
  run_wrk post_form.lua "$url" peer introspection requests/s BENCH_PATH=/token/introspection \
    BENCH_BODY="token=$token" BENCH_AUTH="$(basic bench-api bench-api-secret)"
  stop_pid "$pid"; forget_pid "$pid"
}

measure_framework() {
  local port url
  port="$(free_port 47200)"; url="http://127.0.0.1:$port"
  log "framework ceiling on 127.0.0.1:$port"
  # Started directly (not through the driver function), so $! is the dotnet process itself.
  Urls="$url" dotnet "$BENCH/Driver/bin/Release/net10.0/Driver.dll" framework --url "$url" --jwks "$WORK/jwks.json" \
    --discovery "$WORK/discovery.json" >"$WORK/framework.log" 2>&1 &
  local pid=$!
  STARTED_PIDS+=("$pid")
  wait_http "$url/health" 60 || { tail -n 40 "$WORK/framework.log" >&2; return 1; }
  SERVICE_PID="$pid"
  run_wrk get.lua "$url" framework jwks requests/s BENCH_PATH=/jwks.json
  run_wrk get.lua "$url" framework discovery requests/s BENCH_PATH=/.well-known/openid-configuration
  SERVICE_PID=""
  stop_pid "$pid"; forget_pid "$pid"
  # Scenario 8's reference: the trivial app's own start-up to its first /health 200, measured like the service's.
  log "framework: start-up of the trivial app ($STARTUP_RUNS starts)"
  Urls="$url" driver startup --store framework --url "$url" --dll "$BENCH/Driver/bin/Release/net10.0/Driver.dll" \
    --args "framework --url $url --jwks $WORK/jwks.json --discovery $WORK/discovery.json" --runs "$STARTUP_RUNS" --idle 2 |
    tee -a "$RESULTS" >&2
  # Scenario 8b (issue #18): the service with --ephemeral, a new in-memory store created and seeded at every start,
  # beside the trivial app's row of the same run. Reported in the SQLite column (it is SQLite, in memory). 8c: the same
  # start from the self-contained composite ReadyToRun publish docs/testing.md recommends to a suite that starts many
  # servers (the framework and the service compiled together: less JIT work at start).
  # 8d and 8e: the same two starts with the runtime's W^X protection off in the child's environment, as Auth.Testing's
  # out-of-process start and the node sample start a test server (docs/security.md rule 144, ADR 0025). The variable is
  # set in the measured process's environment alone (the driver's --env); the driver itself keeps W^X.
  measure_ephemeral_start "$url" startup_ephemeral "with --ephemeral (in-memory store, seed applied)" --dll "$SERVICE_DIR/Auth.Api.dll"
  measure_ephemeral_start "$url" startup_ephemeral_composite "with --ephemeral, composite ReadyToRun publish" --exe "$COMPOSITE_DIR/Auth.Api"
  measure_ephemeral_start "$url" startup_ephemeral_no_wx "with --ephemeral, W^X off" --dll "$SERVICE_DIR/Auth.Api.dll" 0
  measure_ephemeral_start "$url" startup_ephemeral_composite_no_wx "with --ephemeral, composite ReadyToRun publish, W^X off" \
    --exe "$COMPOSITE_DIR/Auth.Api" 0
}

measure_ephemeral_start() { # url scenario what --dll|--exe path [DOTNET_EnableWriteXorExecute]
  local url="$1" scenario="$2" what="$3" kind="$4" path="$5" write_xor_execute="${6:-}"
  log "ephemeral: $scenario ($EPHEMERAL_STARTUP_RUNS starts)"
  local child_env=()
  if [ -n "$write_xor_execute" ]; then child_env=(--env "DOTNET_EnableWriteXorExecute=$write_xor_execute"); fi
  ( unset ConnectionStrings__Postgres Storage__DataDirectory DOTNET_EnableWriteXorExecute
    export Urls="$url" OAuth__Issuer="$url/" Seed__File="$WORK/seed.json"
    driver startup --store sqlite --scenario "$scenario" --what "$what" \
      --url "$url" "$kind" "$path" --args "--ephemeral" --runs "$EPHEMERAL_STARTUP_RUNS" --idle 2 "${child_env[@]}" ) |
    tee -a "$RESULTS" >&2
}

measure_store() { # store
  local store="$1" port url connection token scim_token warm_token
  port="$(free_port 47100)"; url="http://127.0.0.1:$port"
  service_env "$store" "$port"
  if [ "$store" = postgres ]; then connection="$PG_CONNECTION"; else connection="Data Source=$WORK/data-sqlite/auth.db"; fi
  log "$store: starting the service on $url (migrates and seeds the clients)"
  start_service "$port" "service-$store"
  log "$store: seeding $SCIM_USERS SCIM users and the sign-in users through the database"
  driver seed-scim --store "$store" --connection "$connection" --count "$SCIM_USERS" | tee -a "$RESULTS" >&2
  driver seed-users --store "$store" --connection "$connection" --prefix bench-login- --count "$SIGNIN_USERS" --password "$PASSWORD"
  driver seed-users --store "$store" --connection "$connection" --prefix bench-mfa- --count "$MFA_USERS" --password "$PASSWORD"
  record "$store" rss_after_start "$(rss_mb "$SERVICE_PID")" MB "VmRSS of the bench's service process before any load"

  # A fresh .NET process compiles its hot paths for several seconds (tier-0 code, then optimized code); measured
  # without this, scenario 1 reported that JIT work rather than the steady cost of a token (docs/performance.md).
  log "$store: warming the service up for ${SERVICE_WARMUP} s (token requests and introspection, not measured)"
  warm_token="$(access_token "$url/oauth/token" bench-service bench-service-secret orders.read)"
  env BENCH_LUA="$BENCH" BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials&scope=orders.read" \
    BENCH_AUTH="$(basic bench-service bench-service-secret)" \
    wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$(( SERVICE_WARMUP * 3 / 4 ))s" --timeout 10s -s "$BENCH/post_form.lua" "$url" >/dev/null
  env BENCH_LUA="$BENCH" BENCH_PATH=/oauth/introspect BENCH_BODY="token=$warm_token" BENCH_AUTH="$(basic bench-api bench-api-secret)" \
    wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$(( SERVICE_WARMUP / 4 ))s" --timeout 10s -s "$BENCH/post_form.lua" "$url" >/dev/null

  log "$store: 1. client_credentials"
  run_wrk post_form.lua "$url" "$store" client_credentials tokens/s BENCH_PATH=/oauth/token \
    BENCH_BODY="grant_type=client_credentials&scope=orders.read" BENCH_AUTH="$(basic bench-service bench-service-secret)"
  record "$store" rss_after_client_credentials "$(rss_mb "$SERVICE_PID")" MB "VmRSS right after scenario 1"

  log "$store: 2. introspection"
  token="$(access_token "$url/oauth/token" bench-service bench-service-secret orders.read)"
  require_active "$url/oauth/introspect" bench-api bench-api-secret "$token"
  run_wrk post_form.lua "$url" "$store" introspection requests/s BENCH_PATH=/oauth/introspect \
    BENCH_BODY="token=$token" BENCH_AUTH="$(basic bench-api bench-api-secret)"

  log "$store: 3. JWKS and discovery"
  curl -fsS "$url/jwks.json" >"$WORK/jwks.json"
  curl -fsS "$url/.well-known/openid-configuration" >"$WORK/discovery.json"
  run_wrk get.lua "$url" "$store" jwks requests/s BENCH_PATH=/jwks.json
  run_wrk get.lua "$url" "$store" discovery requests/s BENCH_PATH=/.well-known/openid-configuration

  log "$store: 4. SCIM at $SCIM_USERS users"
  scim_token="Bearer $(access_token "$url/oauth/token" bench-scim bench-scim-secret scim)"
  run_wrk scim_lookup.lua "$url" "$store" scim_lookup_eq requests/s BENCH_AUTH="$scim_token" BENCH_USERS="$SCIM_USERS"
  # The same lookup on one connection: the latency of a lookup itself, without 32 requests queueing for 2 cores.
  CONNS=1 run_wrk scim_lookup.lua "$url" "$store" scim_lookup_eq_1conn requests/s BENCH_AUTH="$scim_token" BENCH_USERS="$SCIM_USERS"
  run_wrk scim_list.lua "$url" "$store" scim_list_sw pages/s BENCH_AUTH="$scim_token" BENCH_USERS="$SCIM_USERS"
  run_wrk scim_create.lua "$url" "$store" scim_create users/s BENCH_AUTH="$scim_token"

  log "$store: 6. authorization code + PKCE"
  driver codeflow --store "$store" --url "$url" --vus "$CONNECTIONS" --prefix bench-login- --password "$PASSWORD" \
    --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" | tee -a "$RESULTS" >&2
  log "$store: 7. password sign-in"
  driver signin --store "$store" --url "$url" --vus "$CORES" --prefix bench-login- --password "$PASSWORD" \
    --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" | tee -a "$RESULTS" >&2
  log "$store: 5. TOTP verification ($MFA_USERS enrolled users)"
  driver totp --store "$store" --url "$url" --users "$MFA_USERS" --vus "$CONNECTIONS" --prefix bench-mfa- --password "$PASSWORD" |
    tee -a "$RESULTS" >&2
  stop_service
  # The rate limiter counts in process whatever the store, so its cost is measured once, on the first store.
  [ -f "$WORK/rate-limit-done" ] || measure_rate_limiting "$store" "$port" "$url"

  log "$store: 8. start-up on the existing database ($STARTUP_RUNS starts)"
  driver startup --store "$store" --url "$url" --dll "$SERVICE_DIR/Auth.Api.dll" \
    --runs "$STARTUP_RUNS" --idle 2 | tee -a "$RESULTS" >&2

  # Last, so that the second process has not run beside any other scenario.
  measure_propagation "$store" "$port" "$url" "$connection"
}

# Scenario 9: a change at node A until node B, a second service process on the same store, enforces it.
measure_propagation() { # store port url connection
  local store="$1" port="$2" url="$3" port_b url_b pid_b
  driver seed-users --store "$store" --connection "$4" --prefix bench-prop- --count "$PROPAGATION_USERS" --password "$PASSWORD"
  log "$store: 9. propagation from node A ($url) to node B"
  start_service "$port" "service-$store-node-a"
  port_b="$(free_port $((port + 1)))"; url_b="http://127.0.0.1:$port_b"
  # Node B has A's settings (store, data directory and so master key, issuer: B stands behind the same name) but
  # listens on its own port. Started directly, so $! is the dotnet process itself.
  Urls="$url_b" dotnet "$SERVICE_DIR/Auth.Api.dll" >"$WORK/service-$store-node-b.log" 2>&1 &
  pid_b=$!
  STARTED_PIDS+=("$pid_b")
  wait_http "$url_b/health" 120 || { tail -n 40 "$WORK/service-$store-node-b.log" >&2; return 1; }
  log "$store: node B on $url_b (pid $pid_b)"
  # The driver bounds its rounds by --seconds for each half; timeout bounds the whole, whatever hangs.
  timeout "$(( PROPAGATION_SECONDS * 2 + 60 ))" dotnet "$BENCH/Driver/bin/Release/net10.0/Driver.dll" propagation \
    --store "$store" --url "$url" --url-b "$url_b" --rounds "$PROPAGATION_ROUNDS" --seconds "$PROPAGATION_SECONDS" \
    --user-prefix bench-prop- --users "$PROPAGATION_USERS" --password "$PASSWORD" | tee -a "$RESULTS" >&2 ||
    log "$store: the propagation driver failed or ran out of time; the rows it printed are kept"
  stop_pid "$pid_b"; forget_pid "$pid_b"
  stop_service
}

measure_rate_limiting() { # store port url
  local store="$1" port="$2" url="$3"
  touch "$WORK/rate-limit-done"
  log "$store: 1b. client_credentials with rate limiting on, buckets too large to refuse anything"
  export RateLimiting__Enabled=true RateLimiting__BurstLimit=1000000 RateLimiting__TokensPerSecond=1000000
  export RateLimiting__TokenEndpointPerClient__BurstLimit=1000000 RateLimiting__TokenEndpointPerClient__TokensPerSecond=1000000
  start_service "$port" "service-$store-limited"
  run_wrk post_form.lua "$url" "$store" client_credentials_rate_limited tokens/s BENCH_PATH=/oauth/token \
    BENCH_BODY="grant_type=client_credentials&scope=orders.read" BENCH_AUTH="$(basic bench-service bench-service-secret)"
  stop_service
  unset RateLimiting__BurstLimit RateLimiting__TokensPerSecond RateLimiting__TokenEndpointPerClient__BurstLimit \
    RateLimiting__TokenEndpointPerClient__TokensPerSecond
  export RateLimiting__Enabled=false
}

machine_summary() {
  printf '%s cores, %s, %s MB memory, %s, .NET %s, Node %s' "$CORES" \
    "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
    "$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)" \
    "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(dotnet --version)" "$(node --version)"
}

cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
BEGIN=$(date +%s)
ensure_tools
log "publishing the service (Release, ReadyToRun, as docs/deploying.md deploys it) and building the bench driver"
dotnet publish src/Auth.Api -c Release -nologo -clp:ErrorsOnly -o "$SERVICE_DIR" >&2
log "publishing it again self-contained with composite ReadyToRun for scenario 8c (a few minutes; its own build folders)"
dotnet publish src/Auth.Api -c Release -r linux-x64 --self-contained -p:PublishReadyToRunComposite=true \
  --artifacts-path "$WORK/composite-build" -nologo -clp:ErrorsOnly -o "$COMPOSITE_DIR" >&2
dotnet build "$BENCH/Driver" -c Release -nologo -clp:ErrorsOnly >&2
write_seed

log "ceilings: RS256 signatures and one PBKDF2 hash"
driver rsa --seconds "$CEILING_SECONDS" | tee -a "$RESULTS" >&2
driver pbkdf2 --rounds 5 | tee -a "$RESULTS" >&2
measure_peer

for store in $STORES; do
  [ "$store" = postgres ] && [ -z "$PG_STARTED" ] && start_postgres
  measure_store "$store"
  [ -f "$WORK/framework-done" ] || { measure_framework; touch "$WORK/framework-done"; }
done

mkdir -p "$BENCH/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)${QUICK:+-quick}"
cp "$RESULTS" "$BENCH/results/$STAMP.jsonl"
driver report --results "$RESULTS" --markdown "$BENCH/results/$STAMP.md" --json "$BENCH/results/$STAMP.json" \
  --machine "$(machine_summary)"
log "finished in $(( $(date +%s) - BEGIN )) s; results in build/bench/results/$STAMP.{md,json,jsonl}"
