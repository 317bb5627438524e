-- Shared by the bench's wrk scripts: settings from the environment, and one JSON line of results at the end.
--   BENCH_STORE, BENCH_SCENARIO, BENCH_UNIT name the measurement; BENCH_AUTH is a whole Authorization header value.
bench = {
  store = os.getenv("BENCH_STORE") or "unknown",
  scenario = os.getenv("BENCH_SCENARIO") or "unknown",
  unit = os.getenv("BENCH_UNIT") or "requests/s",
  auth = os.getenv("BENCH_AUTH"),
  path = os.getenv("BENCH_PATH") or "/",
  body = os.getenv("BENCH_BODY"),
}

function bench.headers(extra)
  local headers = extra or {}
  if bench.auth and bench.auth ~= "" then headers["Authorization"] = bench.auth end
  return headers
end

local thread_count = 0
function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format(
    '{"store":"%s","scenario":"%s","value":%.2f,"unit":"%s","p50_ms":%.3f,"p99_ms":%.3f,"errors":%d,"note":"wrk, %d requests in %.1f s, %d non-2xx/3xx"}\n',
    bench.store, bench.scenario, (summary.requests - e.status) / seconds, bench.unit,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests, seconds, e.status))
end
