-- wrk script: POST /api/zones/:id/scan {ticketId, direction, deviceId} as a festival SECURITY member.
-- Tickets are numbered (ids 40000000-0000-4000-8000-<n, 12 digits>); the run uses FIRST+1 .. FIRST+COUNT,
-- split between wrk's threads. Ticket n goes to zone ZFIRST + 1 + n % NZONES (ids 50000000-0000-4000-8000-<z,
-- 12 digits>), always the same zone for the same ticket. MODE:
--   toggle (default)  each thread walks its tickets in turn, IN on the first visit, OUT on the next, ... so
--                     that every scan is admitted (a ticket comes back only after the thread's whole slice)
--   in                IN only, each ticket once per pass (the capacity run)
--   same              the one ticket FIRST+1, IN, at every connection (the race run)
-- Prints the admitted and refused counts (from the answers' "allowed").
local token = os.getenv("TOKEN")
local zfirst = tonumber(os.getenv("ZFIRST") or "1000")
local nzones = tonumber(os.getenv("NZONES") or "1")
local first = tonumber(os.getenv("FIRST") or "0")
local count = tonumber(os.getenv("COUNT") or "1")
local mode = os.getenv("MODE") or "toggle"
local nthreads = tonumber(os.getenv("THREADS") or "2")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  local per = math.floor(count / nthreads)
  lo = first + (tid - 1) * per + 1
  size = per
  pos = 0
  inside = {}
  admitted = 0
  refused = 0
  -- wrk calls request() once on its first thread's state to check the script (script_verify_request on
  -- threads[0], whose setup() ran first: tid 1) and never sends that request; it must not move the walk,
  -- or that thread's first ticket would be toggled "inside" without its IN ever reaching the server
  verifying = (tid == 1)
end

request = function()
  local n, dir
  if verifying then
    verifying = false
    return wrk.format(nil, "/api/health", nil, nil)
  end
  if mode == "same" then
    n, dir = first + 1, "IN"
  else
    pos = pos % size + 1
    n = lo + pos - 1
    dir = "IN"
    if mode == "toggle" and inside[n] then dir = "OUT" end
    inside[n] = not inside[n]
  end
  local body = string.format('{"ticketId":"40000000-0000-4000-8000-%012d","direction":"%s","deviceId":"bench-wrk"}',
      n, dir)
  local path = string.format("/api/zones/50000000-0000-4000-8000-%012d/scan", zfirst + 1 + n % nzones)
  return wrk.format(nil, path, nil, body)
end

response = function(status, headers, body)
  if status == 200 and body:find('"allowed":true', 1, true) then
    admitted = admitted + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("admitted")
    r = r + t:get("refused")
  end
  io.write(string.format("scans admitted %d refused %d\n", a, r))
end
