dofile(os.getenv("ANAGEN_BENCH_DIR") .. "/wrk/common.lua")
-- Patient create as the front desk does it, with a mobile number and an
-- email: each adds search terms (the phone's digit tails, the email's start).
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"given_name":"Bench%d","family_name":"Créate","birth_date":"1984-06-%02d","sex":"other",' ..
    '"phone":"+34 6%08d","email":"bench%d@correo.example"}',
    n, 1 + n % 28, n % 100000000, n)
  return wrk.format("POST", "/api/v1/patients", headers, body)
end
