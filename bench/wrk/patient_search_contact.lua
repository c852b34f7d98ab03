dofile(os.getenv("ANAGEN_BENCH_DIR") .. "/wrk/common.lua")
-- What a receptionist types when a patient calls: part of a phone number
-- (4 to 9 digits, with or without the country code) or the start of an email.
local queries = { "612", "6123", "61234", "612%20345", "%2B34%20612%20345", "345%20678", "9876",
                  "p1234", "p98765@", "p5", "p42@correo" }
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("GET", "/api/v1/patients?limit=20&q=" .. queries[math.random(#queries)], headers)
end
