-- wrk script: POST /api/tickets/purchase {festivalId, categoryId, quantity: 1} of a FREE category, each
-- request as a random buyer among the tokens of TOKENS_FILE (a Lua file returning a table of access
-- tokens, written by bench/run-tickets.sh). COUNT=1 counts the answers per status (for the sell-out run)
-- and prints them as "status <code> <n>" lines.
local fid = os.getenv("FESTIVAL_ID")
local cid = os.getenv("CATEGORY_ID")
local tokens = dofile(os.getenv("TOKENS_FILE"))
local count = os.getenv("COUNT") == "1"
local body = string.format('{"festivalId":"%s","categoryId":"%s","quantity":1}', fid, cid)

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
  statuses = {}
end

request = function()
  local headers = { ["Content-Type"] = "application/json",
                    ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)] }
  return wrk.format("POST", "/api/tickets/purchase", headers, body)
end

if count then
  response = function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end

  function done(summary, latency, requests)
    local total = {}
    for _, t in ipairs(threads) do
      local s = t:get("statuses")
      for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
    end
    for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
  end
end
