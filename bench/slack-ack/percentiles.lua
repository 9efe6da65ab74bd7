-- wrk script: bolt-peer's slack-signed.lua (its path in PEER_LUA) with one more line from done(), the latency
-- percentiles between p90 and p99.5 in microseconds, to show where a tail begins:
--   PERCENTILES {"p50_us":…,"p90_us":…,"p95_us":…,"p97_us":…,"p98_us":…,"p99_us":…,"p995_us":…}
dofile(assert(os.getenv("PEER_LUA"), "PEER_LUA must name bolt-peer's slack-signed.lua"))

local peer_done = done
function done(summary, latency, requests)
  peer_done(summary, latency, requests)
  local fields = {}
  for _, p in ipairs({ { "p50", 50 }, { "p90", 90 }, { "p95", 95 }, { "p97", 97 }, { "p98", 98 }, { "p99", 99 },
                       { "p995", 99.5 } }) do
    fields[#fields + 1] = string.format('"%s_us":%d', p[1], latency:percentile(p[2]))
  end
  io.write("PERCENTILES {" .. table.concat(fields, ",") .. "}\n")
end
