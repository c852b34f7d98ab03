-- Shared by the wrk scripts: the session token and the seeded patient ids.
token = os.getenv("ANAGEN_TOKEN")
headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
ids = {}
local f = io.open(os.getenv("ANAGEN_IDS"), "r")
if f then
  for line in f:lines() do ids[#ids + 1] = line end
  f:close()
end
