dofile(os.getenv("ANAGEN_BENCH_DIR") .. "/wrk/common.lua")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("GET", "/api/v1/patients/" .. ids[math.random(#ids)], headers)
end
