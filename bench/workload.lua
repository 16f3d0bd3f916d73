-- A mixed, stateful Dsco API v3 workload for wrk (scripts/bench_http.sh, bench/README.md).
--
-- Every connection of a wrk thread takes the next step of one shared cycle, so the mix
-- is exactly the same against every target:
--
--   1 POST /oauth2/token                         client credentials (form), takes the token
--   2 POST /conversation                         the retailer opens a conversation with its
--                                                partner, with an initial message; takes its id
--   3 POST /conversation/message                 adds a message to the newest conversation
--   4 POST /conversation/message/list            lists that conversation's messages
--   5 GET  /stream/{id}/0/{position}             reads a stream partition from its start
--   6 PUT  /stream/{id}/0/{position}             commits the last event id that was read
--
-- State is per wrk thread (wrk gives the script no connection identity): the token, the
-- conversation id and the commit position are taken from the latest response that
-- carried one, starting from values scripts/bench_http.sh prepared with curl. Against
-- Prism and WireMock the same requests get canned answers; values the script cannot
-- parse out of them ("string" ids) leave the prepared ones in place.
--
-- Arguments (after wrk's --), key=value:
--   prefix=/api/v3      path prefix of the API (Prism serves the spec's paths at /)
--   client_id=, client_secret=   the retailer's credentials
--   token=              an access token to start with
--   partner=            the supplier's dscoAccountId (a trading partner of the retailer)
--   conversation=       an existing conversation of the retailer, used until one is created
--   stream=             the retailer's stream id
--   position=           the position to read from (an event id or the stream's start)
--   commit=             an event id of partition 0 to commit until a read gives one
--   streams=1|0         include steps 5 and 6 (0 when the target has no stream routes)
--   skip=4,...          leave steps out (diagnosis only; the published runs skip none)

local cfg = {}
local threads = {}
local next_thread = 0

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
  table.insert(threads, thread)
end

function init(args)
  for _, a in ipairs(args) do
    local k, v = a:match("^([%w_]+)=(.*)$")
    if k then cfg[k] = v end
  end
  prefix = cfg.prefix or "/api/v3"
  token = cfg.token or "none"
  conversation = cfg.conversation or "0"
  commit = cfg.commit or "0"
  -- The steps this run cycles through: all six, less the stream steps when the target
  -- has no stream routes, less any named in skip= (diagnosis only, e.g. skip=4).
  sequence = {}
  local skip = {}
  for n in (cfg.skip or ""):gmatch("%d+") do skip[tonumber(n)] = true end
  for n = 1, 6 do
    if not skip[n] and not (cfg.streams == "0" and n >= 5) then table.insert(sequence, n) end
  end
  index = 0
  sent = 0
  statuses = {}
  token_body = "grant_type=client_credentials&client_id=" .. urlencode(cfg.client_id or "") ..
               "&client_secret=" .. urlencode(cfg.client_secret or "")
  form_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  stream_read_path = prefix .. "/stream/" .. urlencode(cfg.stream or "bench") .. "/0/" ..
                     urlencode(cfg.position or "0")
  stream_commit_base = prefix .. "/stream/" .. urlencode(cfg.stream or "bench") .. "/0/"
end

local function json_headers()
  return { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
end

function request()
  index = index % #sequence + 1
  local step = sequence[index]
  sent = sent + 1
  if step == 1 then
    return wrk.format("POST", prefix .. "/oauth2/token", form_headers, token_body)
  elseif step == 2 then
    local body = '{"title":"Ship date for PO ' .. (tid or 0) .. "-" .. sent ..
                 '","type":{"type":"standard"},"otherPartyDscoAccountId":"' .. (cfg.partner or "") ..
                 '","initialMessage":{"message":"Hello, can you confirm the ship date for this week?"}}'
    return wrk.format("POST", prefix .. "/conversation", json_headers(), body)
  elseif step == 3 then
    local body = '{"dscoConversationId":"' .. conversation ..
                 '","message":"Any update on the ship date? We need it by Friday."}'
    return wrk.format("POST", prefix .. "/conversation/message", json_headers(), body)
  elseif step == 4 then
    local body = '{"dscoConversationId":"' .. conversation .. '"}'
    return wrk.format("POST", prefix .. "/conversation/message/list", json_headers(), body)
  elseif step == 5 then
    return wrk.format("GET", stream_read_path, { ["Authorization"] = "Bearer " .. token })
  else
    -- An empty body, so "Content-Length: 0" is sent, as HTTP clients do for a PUT.
    return wrk.format("PUT", stream_commit_base .. urlencode(commit),
                      { ["Authorization"] = "Bearer " .. token }, "")
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 300 or body == nil then return end
  local t = body:match('"access_token":"([^"]+)"')
  if t then token = t return end
  -- A created conversation answers its id as "id"; messages carry "dscoConversationId".
  if body:find('"initiatedBy"', 1, true) then
    local c = body:match('"id":"(%d+)"')
    if c then conversation = c end
    return
  end
  local last
  for id in body:gmatch('"id":"(z/[^"]+)"') do last = id end
  if last then commit = last end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  local codes = {}
  for code in pairs(total) do table.insert(codes, code) end
  table.sort(codes)
  local parts = {}
  for _, code in ipairs(codes) do table.insert(parts, code .. "=" .. total[code]) end
  io.write("statuses: " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d errors=%d non2xx3xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
