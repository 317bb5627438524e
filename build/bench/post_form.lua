-- POST BENCH_BODY (form-encoded) to BENCH_PATH with BENCH_AUTH: token requests, introspection.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
wrk.method = "POST"
wrk.path = bench.path
wrk.body = bench.body
wrk.headers = bench.headers({ ["Content-Type"] = "application/x-www-form-urlencoded" })
