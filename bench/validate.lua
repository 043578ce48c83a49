-- wrk script: POST /api/tickets/validate {qrCode} as a festival STAFF member, a random payload among
-- the signed QR payloads of the seeded SOLD tickets (QR_FILE: a Lua file returning a table of strings,
-- written by bench/run-tickets.sh).
local token = os.getenv("TOKEN")
local qrs = dofile(os.getenv("QR_FILE"))

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end

request = function()
  local body = '{"qrCode":"' .. qrs[math.random(1, #qrs)] .. '"}'
  return wrk.format(nil, "/api/tickets/validate", nil, body)
end
