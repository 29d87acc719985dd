-- BN-cart create: a new user, client IP and Idempotency-Key per request, so neither the rate limits nor the
-- idempotency replay short-cut the work.
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
local counter = 0
request = function()
  counter = counter + 1
  local user = "bench-" .. math.random(1, 100000000)
  local n = math.random(1, 4999)
  if n % 50 == 0 then n = n + 1 end -- every 50th product is out of stock
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-User-Id"] = user,
    ["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254),
    ["Idempotency-Key"] = user .. "-" .. counter .. "-" .. math.random(1, 1000000000),
  }
  return wrk.format("POST", "/v1/buynow/carts", headers, string.format('{"productId":"P%05d","quantity":1}', n))
end
