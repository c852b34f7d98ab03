dofile(os.getenv("ANAGEN_BENCH_DIR") .. "/wrk/common.lua")
local prefixes = { "gar", "fern", "lucia", "mar", "jose", "ruiz", "mu", "alv", "odeg", "nowak gil",
                   "garcia lopez", "san", "to", "smith", "paula ramos" }
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local q = prefixes[math.random(#prefixes)]:gsub(" ", "%%20")
  return wrk.format("GET", "/api/v1/patients?limit=20&q=" .. q, headers)
end
