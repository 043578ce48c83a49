-- wrk script: POST /api/cashless/pay of 0.10 as a cashier. HOT=1 charges one wallet (number 0);
-- otherwise a random wallet among NWALLETS (ids 00000000-0000-4000-8000-<12-digit number>).
local nwallets = tonumber(os.getenv("NWALLETS") or "1000")
local hot = os.getenv("HOT") == "1"
local fid = os.getenv("FESTIVAL_ID")
local token = os.getenv("TOKEN")

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
  local aid = 0
  if not hot then aid = math.random(1, nwallets) end
  local body = string.format('{"amount":0.10,"festivalId":"%s","accountId":"00000000-0000-4000-8000-%012d"}',
      fid, aid)
  return wrk.format(nil, "/api/cashless/pay", nil, body)
end
