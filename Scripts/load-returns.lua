-- wrk script for Scripts/load-returns.sh: POSTs returns with unique ids, built from the parcels in the
-- file $PARCELS (JSON lines from `boomerang generate parcels`), so every request records a new parcel.
local threads = {}
local next_id = 1

function setup(thread)
    thread:set("tid", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

-- The requests are made before the run (REQUESTS per thread, each with its own parcel id), so the client
-- spends its share of the two cores sending, not formatting; past the end it makes them on the fly.
function init(args)
    templates = {}
    for line in io.lines(os.getenv("PARCELS")) do
        templates[#templates + 1] = line
    end
    run = os.getenv("RUN") or "0"
    counter = 0
    non2xx = 0
    headers = {["Content-Type"] = "application/json"}
    if os.getenv("API_KEY") then headers["Authorization"] = "Bearer " .. os.getenv("API_KEY") end
    prepared = {}
    for n = 1, tonumber(os.getenv("REQUESTS") or "0") do prepared[n] = make(n) end
end

function make(n)
    local template = templates[(n % #templates) + 1]
    local body = string.gsub(template, '"id":"[^"]*"', '"id":"L' .. run .. '-' .. tid .. '-' .. n .. '"', 1)
    return wrk.format("POST", "/v1/returns", headers, body)
end

function request()
    counter = counter + 1
    return prepared[counter] or make(counter)
end

function response(status, headers, body)
    if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(threads) do failed = failed + thread:get("non2xx") end
    io.write(string.format("requests %d in %.1f s: %.0f/s; non-2xx %d; socket errors %d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), failed,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
    for _, p in ipairs({50, 90, 99, 99.9}) do
        io.write(string.format("latency p%s %.2f ms\n", p, latency:percentile(p) / 1000))
    end
    io.write(string.format("latency max %.2f ms\n", latency.max / 1000))
end
