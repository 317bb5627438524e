-- SCIM: a page of 100 from userName sw "bench-user-0NN" (1,000 matches of 100,000), at a random page.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local users = tonumber(os.getenv("BENCH_USERS") or "100000")
local headers = bench.headers({ ["Accept"] = "application/scim+json" })

function init(args)
  math.randomseed(os.time() * 100 + thread_id)
end

function request()
  local prefixes = math.max(1, math.floor(users / 1000))
  local path = string.format('/scim/v2/Users?filter=userName%%20sw%%20%%22bench-user-%03d%%22&count=100&startIndex=%d',
    math.random(0, prefixes - 1), 1 + 100 * math.random(0, 9))
  return wrk.format("GET", path, headers)
end
