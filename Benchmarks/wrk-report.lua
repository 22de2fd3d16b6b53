-- wrk script for Benchmarks/run.sh: counts responses by status code across all wrk threads
-- and prints one JSON line, so a route that answers 400 or 404 quickly cannot pass for a
-- fast read. Each wrk thread has its own Lua state: per-thread tables are merged in done().
-- Usage: wrk ... -s wrk-report.lua URL -- NAME

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  route_name = args[1] or "route"
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged, non2xx, name = {}, 0, "route"
  for _, thread in ipairs(threads) do
    name = thread:get("route_name") or name
    for code, count in pairs(thread:get("statuses") or {}) do
      merged[code] = (merged[code] or 0) + count
    end
  end
  local codes = {}
  for code, count in pairs(merged) do
    if code < 200 or code >= 300 then non2xx = non2xx + count end
    table.insert(codes, string.format('"%d":%d', code, count))
  end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    '{"kind":"wrk","name":"%s","requests":%d,"seconds":%.3f,"rps":%.1f,' ..
    '"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"non2xx":%d,"codes":{%s},' ..
    '"socket_errors":%d,"bytes":%d}\n',
    name, summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    non2xx, table.concat(codes, ","),
    e.connect + e.read + e.write + e.timeout, summary.bytes))
end
