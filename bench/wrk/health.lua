request = function() return wrk.format("GET", "/api/v1/health") end
