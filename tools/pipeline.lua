-- pipeline.lua - wrk script: every write carries DEPTH requests (default 16),
-- so the server sees pipelined batches.
--   wrk -s tools/pipeline.lua -t1 -c64 -d5s http://127.0.0.1:8080/
local depth = tonumber(os.getenv("DEPTH") or "16")

init = function(args)
    local r = {}
    for i = 1, depth do
        r[i] = wrk.format(nil, wrk.path)
    end
    batch = table.concat(r)
end

request = function()
    return batch
end
