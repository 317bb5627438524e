#!/usr/bin/env bash
# The whole test suite, on a fresh machine with the .NET 10 SDK:
#   restores and builds, starts what the tests need (a throwaway PostgreSQL cluster on a loopback port, from the
#   machine's server binaries, installing Debian's postgresql package when they are missing; or, where a Docker
#   engine answers, lets the tests use Testcontainers), installs Debian's chromium for the browser tests when
#   /usr/bin/chromium is missing, installs Debian's nginx when /usr/sbin/nginx is missing (the proxy tests start their
#   own nginx in front of the service, as the current user, on a loopback port), installs curl, jq, openssl and
#   oathtool when one is missing (the recipe tests run the shell blocks of docs/guides/ and docs/testing.md as
#   written), installs node (Debian's nodejs and npm; the node sample suite needs node 20 or later) and the federation
#   tests' upstream OpenID provider (tests/upstream: oidc-provider from
#   the npm registry, as its package-lock.json pins it) and the OpenAPI validator (tests/openapi-validator:
#   @apidevtools/swagger-parser, likewise) and the mail tests' SMTP sink (tests/smtp-sink: smtp-server and mailparser,
#   likewise; the tests start it themselves) and the relying party of the OAuth feature tests (tests/rp-client:
#   openid-client, likewise) when they are missing or stale, installs Debian's kubernetes-client when no kubectl is
#   installed (the Kubernetes manifest tests render deploy/kubernetes with kubectl kustomize, offline), builds the
#   container image with build/image.sh (installing Debian's podman and runc when missing) for the container tests,
#   starts a
#   throwaway Redis on a loopback port for the rate-limiting tests (installing Debian's redis-server when it is
#   missing; AUTH_TEST_REDIS, when set, names one to use instead), runs every test project, then the samples of
#   docs/testing.md against the built service in ephemeral mode: the .NET sample suite
#   samples/dotnet/OrdersApi.Tests (outside Auth.sln: built on its own when present, its results in the TRX totals, a
#   build failure counted as one failed test) and the node sample suite samples/node (node --test, its TAP counts
#   added to the totals), stops what it started, and prints "N passed, N failed, N skipped" as its last line. Exit
#   code 0 only when nothing failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/auth-tests.XXXXXX")"
RESULTS="$WORK/results"
PG_DATA="$WORK/pg"
PG_STARTED=""
REDIS_STARTED=""

log() { printf '[test.sh] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

apt_install() {
  log "installing $* from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

cleanup() {
  if [ -n "${AUTH_TEST_IMAGE:-}" ] && command -v podman >/dev/null 2>&1; then
    # A test host that died mid-test leaves its containers (on the host network) and volumes: all named auth-test-*.
    podman ps -aq --filter name='^auth-test-' 2>/dev/null | xargs -r podman rm --force --time 0 >/dev/null 2>&1 || true
    podman volume ls -q --filter name='^auth-test-' 2>/dev/null | xargs -r podman volume rm --force >/dev/null 2>&1 || true
  fi
  if [ -n "$REDIS_STARTED" ]; then
    REDIS_STARTED=""
    log "stopping Redis"
    kill "$(cat "$WORK/redis.pid" 2>/dev/null)" >/dev/null 2>&1 || true
  fi
  if [ -n "$PG_STARTED" ]; then
    PG_STARTED=""
    log "stopping PostgreSQL"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# initdb and postgres refuse to run as root: run them as the 'postgres' system user then.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() { # $1 = the first port to try
  local port first="${1:-55432}"
  for port in $(seq "$first" $((first + 100))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

start_postgres() {
  if [ -n "${AUTH_TEST_POSTGRES:-}" ]; then
    log "using the PostgreSQL given in AUTH_TEST_POSTGRES"
    return 0
  fi
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    log "a Docker engine answers: the tests start PostgreSQL with Testcontainers"
    return 0
  fi
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    apt_install postgresql || { log "could not install postgresql"; return 1; }
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  # The cluster's own files (data, socket, log) live in a folder its owner can write.
  mkdir -p "$PG_DATA" "$WORK/pgsocket" "$WORK/pglog"
  chmod 755 "$WORK"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DATA" "$WORK/pgsocket" "$WORK/pglog"
  local port
  port="$(free_port)" || { log "no free loopback port for PostgreSQL"; return 1; }
  # C.UTF-8: code-point order and Unicode case folding, the locale docs/deploying.md asks of a production database.
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null ||
    { log "initdb failed"; return 1; }
  # A throwaway cluster: durability settings off for speed, listening on loopback only.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pglog/postgres.log" -w -t 60 \
    -o "-p $port -k $WORK/pgsocket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { log "PostgreSQL did not start:"; cat "$WORK/pglog/postgres.log" >&2; return 1; }
  PG_STARTED=1
  export AUTH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Pooling=true"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

# The rate-limiting tests share their buckets in a Redis: a throwaway one, nothing saved to disk.
start_redis() {
  if [ -n "${AUTH_TEST_REDIS:-}" ]; then
    log "using the Redis given in AUTH_TEST_REDIS"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server || { log "could not install redis-server"; return 1; }
  fi
  local port
  port="$(free_port 56379)" || { log "no free loopback port for Redis"; return 1; }
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$WORK/redis.pid" --dir "$WORK" --logfile "$WORK/redis.log" >/dev/null ||
    { log "Redis did not start"; return 1; }
  REDIS_STARTED=1
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      export AUTH_TEST_REDIS="127.0.0.1:$port"
      log "Redis $(redis-server --version | awk '{print $3}' | sed 's/^v=//') on 127.0.0.1:$port"
      return 0
    fi
    sleep 0.1
  done
  log "Redis did not answer:"; cat "$WORK/redis.log" >&2
  return 1
}

# The browser tests drive Debian's Chromium through Playwright's bundled driver; no browser is ever downloaded.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  apt_install chromium || { log "could not install chromium"; return 1; }
  [ -x /usr/bin/chromium ]
}

# The TLS-proxy tests put Debian's nginx in front of the service; each test starts and stops its own.
ensure_nginx() {
  [ -x /usr/sbin/nginx ] && return 0
  apt_install nginx || { log "could not install nginx"; return 1; }
  [ -x /usr/sbin/nginx ]
}

# GuideRecipeTests runs the guides' shell blocks as written: they use curl, jq, openssl, basenc (coreutils) and oathtool;
# TestingGuideRecipesTests runs docs/testing.md's, with curl and jq.
ensure_guide_tools() {
  local missing=() tool
  for tool in curl jq openssl oathtool; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  apt_install "${missing[@]}" || { log "could not install ${missing[*]}"; return 1; }
}

# The Kubernetes manifest tests render deploy/kubernetes offline with kubectl kustomize (no cluster is asked). Where no
# kubectl is installed, Debian's kubernetes-client gives one: bookworm's is kubectl 1.20, whose kustomize v2.0.3 renders
# the base only, so the overlays' tests are skipped there with one line saying so (docs/deploying.md).
ensure_kubectl() {
  command -v kubectl >/dev/null 2>&1 && return 0
  apt_install kubernetes-client || { log "could not install kubernetes-client"; return 1; }
  command -v kubectl >/dev/null 2>&1
}

# A node package of the tests' own, installed with npm ci as its package-lock.json pins it, when missing or stale.
ensure_node_package() { # $1 = folder under tests/, $2 = what it is, for the log
  local folder="$ROOT/tests/$1"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm || { log "could not install nodejs and npm"; return 1; }
  fi
  # npm ci writes node_modules/.package-lock.json: older than the lock file means the lock file changed since.
  if [ ! -f "$folder/node_modules/.package-lock.json" ] ||
    [ "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; then
    log "installing $2 from the npm registry"
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
      { log "npm ci failed in tests/$1"; return 1; }
  fi
}

# The federation tests sign in through a real OpenID provider: oidc-provider under node (tests/upstream/server.js).
ensure_upstream() { ensure_node_package upstream "the test upstream (oidc-provider)"; }

# The OpenAPI document's test validates it with an independent validator: @apidevtools/swagger-parser under node
# (tests/openapi-validator, as its package-lock.json pins it).
ensure_openapi_validator() { ensure_node_package openapi-validator "the OpenAPI validator (swagger-parser)"; }

# The mail tests send through a real SMTP server: smtp-server and mailparser under node (tests/smtp-sink/server.js),
# which the tests start themselves on loopback ports.
ensure_smtp_sink() { ensure_node_package smtp-sink "the test SMTP sink (smtp-server, mailparser)"; }

# The OAuth features of issue #19 are driven by a real relying party: openid-client under node (tests/rp-client, one
# script per flow, run by the tests' RelyingPartyScript).
ensure_rp_client() { ensure_node_package rp-client "the test relying party (openid-client)"; }

# The container image tests (tests/Auth.Container.Tests) run the image build/image.sh builds, with Debian's podman and
# runc (installed when missing). Built once here; the tests learn how it went from AUTH_TEST_IMAGE (its tag),
# AUTH_TEST_IMAGE_ERROR (the build's log, when it failed: the tests fail) or AUTH_TEST_CONTAINERS_UNAVAILABLE (podman
# cannot be installed: the tests are skipped). podman's settings for this sandbox are the ones image.sh writes.
IMAGE_LOG="$ROOT/artifacts/image/build.log"
build_image() {
  if ! command -v podman >/dev/null 2>&1 || ! command -v runc >/dev/null 2>&1; then
    if ! apt_install podman runc; then
      export AUTH_TEST_CONTAINERS_UNAVAILABLE="podman and runc are missing and could not be installed"
      log "$AUTH_TEST_CONTAINERS_UNAVAILABLE: the container image tests will be skipped"
      return 0
    fi
  fi
  mkdir -p "$(dirname "$IMAGE_LOG")"
  local started=$SECONDS tag
  log "building the container image (build/image.sh; its log: $IMAGE_LOG)"
  if tag="$(bash "$ROOT/build/image.sh" 2>"$IMAGE_LOG")" && [ -n "$tag" ]; then
    export AUTH_TEST_IMAGE="$tag" CONTAINERS_CONF="$ROOT/artifacts/image/containers.conf"
    log "image $tag built in $((SECONDS - started)) s"
  else
    export AUTH_TEST_IMAGE_ERROR="$IMAGE_LOG"
    log "build/image.sh failed; the container image tests will fail:"
    tail -n 20 "$IMAGE_LOG" >&2
  fi
}

# The .NET sample suite of docs/testing-dotnet.md lives outside Auth.sln: built here when present, its TRX beside the
# test projects'. A build failure is one failed test (SAMPLE_FAILED), since it leaves no TRX to count.
DOTNET_SAMPLE="samples/dotnet/OrdersApi.Tests/OrdersApi.Tests.csproj"
SAMPLE_FAILED=0
run_dotnet_sample() {
  [ -f "$ROOT/$DOTNET_SAMPLE" ] || { log "no $DOTNET_SAMPLE: skipping the .NET sample"; return 0; }
  log "building and running the .NET sample ($DOTNET_SAMPLE)"
  if ! dotnet build "$ROOT/$DOTNET_SAMPLE" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly; then
    log "the .NET sample did not build"
    SAMPLE_FAILED=$((SAMPLE_FAILED + 1))
    SAMPLE_FAILURES+="FAILED OrdersApi.Tests: the project did not build"$'\n'
    return 1
  fi
  dotnet test "$ROOT/$DOTNET_SAMPLE" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx;LogFileName=OrdersApi.Tests.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS"
}

# The node sample suite (samples/node) against the built service: node --test's TAP summary lines (# pass, # fail,
# # cancelled, # skipped, # todo) join the totals; a cancelled test (a failed before hook cancels its suite's tests)
# counts as failed, a todo as skipped, and a run that exits non-zero with nothing counted as failed is one failure.
NODE_PASSED=0 NODE_FAILED=0 NODE_SKIPPED=0
SAMPLE_FAILURES=""
tap_count() { # $1 = TAP file, $2 = summary word
  local value
  value="$(grep -E "^# $2 [0-9]+$" "$1" | tail -n 1 | awk '{print $3}')"
  echo "${value:-0}"
}
run_node_sample() {
  local tap="$WORK/node-sample.tap" status
  log "running the node sample (samples/node)"
  (cd "$ROOT/samples/node" &&
    AUTH_API_DLL="$ROOT/src/Auth.Api/bin/$CONFIGURATION/net10.0/Auth.Api.dll" node --test --test-reporter=tap) >"$tap" 2>&1
  status=$?
  cat "$tap"
  NODE_PASSED="$(tap_count "$tap" pass)"
  NODE_FAILED=$(( $(tap_count "$tap" fail) + $(tap_count "$tap" cancelled) ))
  NODE_SKIPPED=$(( $(tap_count "$tap" skipped) + $(tap_count "$tap" todo) ))
  if [ "$status" -ne 0 ] && [ "$NODE_FAILED" -eq 0 ]; then
    log "the node sample exited with $status without reporting a failed test"
    NODE_FAILED=1
  fi
  if [ "$NODE_FAILED" -ne 0 ]; then
    if grep -qE '^ *not ok ' "$tap"; then
      SAMPLE_FAILURES+="$(grep -E '^ *not ok ' "$tap" | sed -e 's/^ */FAILED node sample: /')"$'\n'
    else
      SAMPLE_FAILURES+="FAILED node sample: exit code $status"$'\n'
    fi
  fi
  return "$status"
}

sum_counter() { # $1 = counter attribute in the TRX <Counters> element
  local total=0 value file
  for file in "$RESULTS"/*.trx; do
    [ -f "$file" ] || continue
    value="$(grep -o "<Counters [^>]*" "$file" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*')"
    total=$((total + ${value:-0}))
  done
  echo "$total"
}

report_failures() { # each failed test's name, its message and the top of its stack trace, from the TRX files
  local file
  for file in "$RESULTS"/*.trx; do
    [ -f "$file" ] || continue
    awk -v project="$(basename "$file" .trx)" '
      /<UnitTestResult / {
        failed = ($0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/)
        if (failed) { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); print "FAILED " project ": " name; lines = 0 }
      }
      failed && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
      failed && /<StackTrace>/ { instack = 1; sub(/.*<StackTrace>/, "") }
      failed && (inmsg || instack) {
        line = $0
        if (inmsg && line ~ /<\/Message>/) { sub(/<\/Message>.*/, "", line); inmsg = 0 }
        if (instack && line ~ /<\/StackTrace>/) { sub(/<\/StackTrace>.*/, "", line); instack = 0 }
        if (lines++ < 40 && line != "") print "    " line
      }
      /<\/UnitTestResult>/ { failed = 0; inmsg = 0; instack = 0 }
    ' "$file" | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
  done
}

cd "$ROOT" || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log "restoring and building ($CONFIGURATION)"
if ! dotnet build Auth.sln -c "$CONFIGURATION" -nologo -clp:ErrorsOnly; then
  log "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

start_postgres || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
start_redis || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_chromium || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_nginx || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_guide_tools || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_upstream || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_openapi_validator || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_smtp_sink || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_rp_client || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
ensure_kubectl || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
build_image

log "running the tests"
test_exit=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" || test_exit=1
done
run_dotnet_sample || test_exit=1
run_node_sample || test_exit=1

passed=$(( $(sum_counter passed) + NODE_PASSED ))
failed=$(( $(sum_counter failed) + $(sum_counter error) + $(sum_counter timeout) + $(sum_counter aborted) + SAMPLE_FAILED + NODE_FAILED ))
skipped=$(( $(sum_counter notExecuted) + $(sum_counter inconclusive) + NODE_SKIPPED ))
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "a test run ended abnormally without reporting a failed test"
  failed=1
fi
# Stop what was started before the summary, so the summary is the last line printed.
cleanup_results="$(mktemp -d "${TMPDIR:-/tmp}/auth-results.XXXXXX")"
cp "$RESULTS"/*.trx "$cleanup_results"/ 2>/dev/null
cleanup
trap - EXIT
# The failures again, just above the summary, so that a log cut to its last lines still names them.
if [ "$failed" -ne 0 ]; then
  RESULTS="$cleanup_results" report_failures
  printf '%s' "$SAMPLE_FAILURES"
fi
rm -rf "$cleanup_results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$test_exit" -eq 0 ]
