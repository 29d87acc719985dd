-- Cart pricing: GET a buy-now cart (catalog + offers in parallel, every time). carts.lua lists cartId/user pairs.
dofile(os.getenv("CARTS_LUA"))
-- wrk starts every thread's Lua with the same seed: give each its own, or two threads send the same
-- Idempotency-Key at once (409 IN_PROGRESS) instead of two requests.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + id * 7919)
end
request = function()
  local c = carts[math.random(1, #carts)]
  local headers = {
    ["X-User-Id"] = c[2],
    ["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254),
  }
  return wrk.format("GET", "/v1/buynow/carts/" .. c[1], headers)
end
