-- mix.lua - wrk script: requests cycle among four routes, GET /plaintext,
--   GET /json, GET /user/42 and POST /validate (a 24-byte JSON body), a
--   quarter each, as a small API would see them.
--   wrk -s tools/mix.lua -t1 -c64 -d5s http://127.0.0.1:8080/
-- A matching statico:
--   statico -b 'not here' -s 404 \
--     --route 'GET /plaintext' -b 'Hello, World!' -H 'Content-Type: text/plain' \
--     --route 'GET /json' -b '{"message":"Hello, World!"}' -H 'Content-Type: application/json' \
--     --route 'GET /user/*' -b 'a user' -H 'Content-Type: text/plain' \
--     --route 'POST /validate' -s 204
local body = '{"user":42,"valid":true}' -- 24 bytes

local reqs, n = {}, 0

init = function(args)
    local host = wrk.headers["Host"]
    reqs[1] = wrk.format("GET", "/plaintext", { Host = host })
    reqs[2] = wrk.format("GET", "/json", { Host = host })
    reqs[3] = wrk.format("GET", "/user/42", { Host = host })
    reqs[4] = wrk.format("POST", "/validate", { Host = host, ["Content-Type"] = "application/json" }, body)
end

-- wrk calls request() for each request any connection of a thread sends; the
-- counter is per wrk thread, so the four alternate over the thread's
-- connections (each connection gets a mix, not a strict order).
request = function()
    n = n % 4 + 1
    return reqs[n]
end
