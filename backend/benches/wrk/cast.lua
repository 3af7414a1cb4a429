-- wrk script: cast one ballot per request, each with a voting code never used before.
--
--   wrk -t2 -c128 -d20s -s backend/benches/wrk/cast.lua http://127.0.0.1:PORT -- CODES_FILE 2 [ROUND]
--
-- CODES_FILE holds one unused code per line (`cairn codes ROUND --count N`); the next argument
-- repeats wrk's thread count (-t), which a script cannot read. Thread i of n takes lines i,
-- i+n, i+2n, …, so no code is sent twice; a thread that runs out of codes stops (its last
-- requests resend its last code, and count as 409). The demo round's three areas are used in turn, with two approvals each. At the end
-- it prints how many answers were 201 (stored: the server answers 201 only after the commit),
-- 409 and anything else, and writes the same as one line to $WRK_RESULT if that is set.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", counter)
   table.insert(threads, thread)
   counter = counter + 1
end

local ballots = {
   '"district":"riverside","approvals":["1","3"]}',
   '"district":"old-town","approvals":["6","7"]}',
   '"district":"hillhead","approvals":["11","14"]}',
}

function init(args)
   local file = args[1]
   nthreads = tonumber(args[2] or "")
   if file == nil or nthreads == nil or id >= nthreads then
      error("usage: wrk -tN … -s cast.lua URL -- CODES_FILE N [ROUND]")
   end
   local round = args[3] or "1"
   codes = {}
   local i = 0
   for line in io.lines(file) do
      if line ~= "" then
         if i % nthreads == id then
            codes[#codes + 1] = line
         end
         i = i + 1
      end
   end
   next_code = 1
   created, conflict, other, exhausted = 0, 0, 0, 0
   path = "/api/rounds/" .. round .. "/ballots"
   headers = { ["Content-Type"] = "application/json" }
end

function request()
   local code = codes[next_code]
   if code == nil then
      -- Out of codes: stop this thread (requests in flight still finish).
      exhausted = 1
      wrk.thread:stop()
      code = codes[#codes]
   end
   local body = '{"code":"' .. code .. '",' .. ballots[(next_code % 3) + 1]
   next_code = next_code + 1
   return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   elseif status == 409 then
      conflict = conflict + 1
   else
      other = other + 1
      if other <= 3 then
         io.stderr:write("status " .. status .. ": " .. tostring(body) .. "\n")
      end
   end
end

function done(summary, latency, requests)
   local c201, c409, cother, out = 0, 0, 0, 0
   for _, t in ipairs(threads) do
      c201 = c201 + t:get("created")
      c409 = c409 + t:get("conflict")
      cother = cother + t:get("other")
      out = out + t:get("exhausted")
   end
   local secs = summary.duration / 1e6
   io.write(string.format(
      "ballots: %d stored (201) = %.0f/s, %d refused as used (409), %d other, %d errors (connect %d, read %d, write %d, timeout %d); %d thread(s) ran out of codes\n",
      c201, c201 / secs, c409, cother,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, out))
   io.write(string.format("latency of answers: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
   local result = os.getenv("WRK_RESULT")
   if result then
      local f = io.open(result, "w")
      f:write(string.format("%d %d %d %.3f %d\n", c201, c409, cother, secs, out))
      f:close()
   end
end
