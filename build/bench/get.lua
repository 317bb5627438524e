-- GET BENCH_PATH (with BENCH_AUTH when set): /jwks.json, discovery.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
wrk.method = "GET"
wrk.path = bench.path
wrk.headers = bench.headers({})
