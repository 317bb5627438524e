-- SCIM: POST /Users with a new userName each time (409s would count as errors).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local headers = bench.headers({ ["Content-Type"] = "application/scim+json" })
local counter = 0
local run

function init(args)
  math.randomseed(os.time() * 100 + thread_id)
  run = math.random(1, 1e9)
end

function request()
  counter = counter + 1
  local name = string.format("bench-new-%d-%d-%d", run, thread_id, counter)
  local body = string.format(
    '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"New","familyName":"User"},"emails":[{"value":"%s@example.com","type":"work","primary":true}],"active":true}',
    name, name)
  return wrk.format("POST", "/scim/v2/Users", headers, body)
end
