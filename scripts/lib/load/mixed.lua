-- One endpoint of scripts/load's mixed workload, for wrk. Arguments: a request file (one request a line:
-- METHOD<TAB>PATH<TAB>TOKEN<TAB>BODY), the mode ("plain", or "signup" for register-then-cancel cycles),
-- and (environment LOAD_OUT) where to write the figures as JSON when the run ends.
local requests, mode = {}, "plain"
local index, cancels, tokens = 0, {}, {}
local count = 0

-- Numbers the threads, so each starts at its own place in the list (two threads never sign the same resident up).
function setup(thread)
    count = count + 1
    thread:set("id", count)
end

function init(args)
    mode = args[2] or "plain"
    for line in io.lines(args[1]) do
        local method, path, token, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
        if method then
            table.insert(requests, { method = method, path = path, token = token, body = body })
            local resident = body:match('"residentID"%s*:%s*(%d+)')
            if resident then tokens[resident] = token end
        end
    end
    index = ((id or 1) - 1) * 7919 % #requests
end

local function build(method, path, token, body)
    local headers = { ["Authorization"] = "Bearer " .. token }
    if body and body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    return wrk.format(method, path, headers, body)
end

function request()
    if mode == "signup" and #cancels > 0 then
        local cancel = table.remove(cancels, 1)
        return build("POST", "/v1/registrations/" .. cancel.id .. "/cancel", cancel.token, "")
    end
    index = index % #requests + 1
    local r = requests[index]
    return build(r.method, r.path, r.token, r.body)
end

-- A sign-up answered 201 names the registration and the resident: cancel it next, as that resident.
function response(status, headers, body)
    if mode == "signup" and status == 201 then
        local id, resident = body:match('"id"%s*:%s*(%d+)'), body:match('"residentID"%s*:%s*(%d+)')
        if id and tokens[resident] then table.insert(cancels, { id = id, token = tokens[resident] }) end
    end
end

function done(summary, latency, requests_)
    local file = io.open(os.getenv("LOAD_OUT"), "w")
    file:write(string.format(
        '{"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
        summary.requests, summary.duration, summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50), latency:percentile(99), latency.max))
    file:close()
end
