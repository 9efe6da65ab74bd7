#!/usr/bin/env node
'use strict';
// The bot keeps working after the 200: its inbox processor (facilitator + commit) may still be behind when wrk
// stops. run.sh counts the bot's CPU from just before bolt-peer/run.sh starts until the inbox is drained; this
// prints that next to the measured-window figure.   node drain-summary.js RUNS_JSONL DRAIN_JSONL
const fs = require('node:fs');

const read = (p) => fs.readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const runs = read(process.argv[2]);
const drains = read(process.argv[3]);
console.log('bot CPU per acknowledged request, including the background processing of the same requests:');
console.log('run          requests  window CPU us/req  all CPU us/req (smoke..drained)  drain wait s  inbox pending at end  allocated KB/req  gen0 GCs  GC pause ms');
for (const d of drains) {
  const [kind, c] = d.label.split('-c');
  const r = runs.find((x) => x.kind === kind && String(x.conns) === c);
  if (!r) continue;
  const win = (1e6 * r.server_cpu_s / r.requests).toFixed(0);
  const all = (1e6 * d.cpu_total_s / r.requests).toFixed(0);
  const [b, a] = [d.runtime_before, d.runtime_after];
  const gc = b && a
    ? [((a.allocatedBytes - b.allocatedBytes) / 1024 / r.requests).toFixed(2), String(a.gen0Collections - b.gen0Collections), (a.gcPauseMs - b.gcPauseMs).toFixed(0)]
    : ['n/a', 'n/a', 'n/a'];
  console.log(`${(`${kind} -c${c}`).padEnd(12)} ${String(r.requests).padStart(8)}  ${win.padStart(17)}  ${all.padStart(31)}  ${String(d.drain_wait_s).padStart(12)}  ${String(d.inbox_pending_end).padStart(20)}  ${gc[0].padStart(16)}  ${gc[1].padStart(8)}  ${gc[2].padStart(11)}`);
}
console.log('allocated / gen0 GCs / GC pause: the bot\'s own counts (GET /diagnostics/runtime) over the same span as "all".');
console.log('"all" also holds the smoke requests and idle time between (small); the window figure is bolt-peer\'s.');
