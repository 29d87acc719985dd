-- wrk script: every connection waits DELAY_MS after each response, so C connections give a steady, low rate
-- (about C / (DELAY_MS + latency) per second) instead of wrk's flat-out closed loop. Latency is measured per
-- request, without the delay. Headers come from the environment so the same script drives every target.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "8")
local headers = {}
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then headers["Authorization"] = auth end
local key = os.getenv("BENCH_SESSION_KEY")
if key and key ~= "" then headers["X-Session-Key"] = key end
local user = os.getenv("BENCH_USER")
if user and user ~= "" then headers["X-User-Id"] = user end
local path = os.getenv("BENCH_PATH") or "/"

request = function()
    return wrk.format("GET", path, headers)
end

delay = function()
    return delay_ms
end

done = function(summary, latency, requests)
    local secs = summary.duration / 1e6
    local bad = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
            + summary.errors.status
    io.write(string.format("RESULT requests=%d rate=%.0f errors=%d p50=%.1f p90=%.1f p99=%.1f p999=%.1f max=%.1f\n",
            summary.requests, summary.requests / secs, bad,
            latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
            latency.max))
end
