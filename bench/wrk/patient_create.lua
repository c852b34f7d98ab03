dofile(os.getenv("ANAGEN_BENCH_DIR") .. "/wrk/common.lua")
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"given_name":"Bench%d","family_name":"Créate","birth_date":"1984-06-%02d","sex":"other"}',
    n, 1 + n % 28)
  return wrk.format("POST", "/api/v1/patients", headers, body)
end
