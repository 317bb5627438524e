-- SCIM: GET /Users?filter=userName eq "bench-user-NNNNNN" for a random one of BENCH_USERS seeded users.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local users = tonumber(os.getenv("BENCH_USERS") or "100000")
local headers = bench.headers({ ["Accept"] = "application/scim+json" })

function init(args)
  math.randomseed(os.time() * 100 + thread_id)
end

function request()
  local path = string.format('/scim/v2/Users?filter=userName%%20eq%%20%%22bench-user-%06d%%22', math.random(0, users - 1))
  return wrk.format("GET", path, headers)
end
