#!/usr/bin/env node
'use strict';
// Warm-up helper: reads a request file written by bolt-peer/make-requests.js, gives every event a different
// event_id and message ts (the generator's depend only on the index and the second it ran, so a warm-up would
// otherwise make the measured run's events duplicates for a server that deduplicates by event_id, or by the message's
// ts as the bot does for posted messages), re-signs each line and writes the new file.
//   node resign.js IN OUT   (secret from SLACK_SIGNING_SECRET)
const crypto = require('node:crypto');
const fs = require('node:fs');

const [, , inPath, outPath] = process.argv;
const secret = process.env.SLACK_SIGNING_SECRET;
if (!inPath || !outPath || !secret) { console.error('usage: SLACK_SIGNING_SECRET=… node resign.js IN OUT'); process.exit(2); }
const lines = fs.readFileSync(inPath, 'utf8').split('\n').filter(Boolean);
const ts = lines[0];
const out = [lines[0], lines[1]];
const messageTs = `"${ts}.`;
const warmupTs = `"${Number(ts) - 86400}.`;   // a day earlier: no measured message has it
for (const line of lines.slice(2)) {
  const body = line.slice(line.indexOf('\t') + 1)
    .replace('"event_id":"Ev0BENCH', '"event_id":"Ev0WARMUP')
    .replaceAll(messageTs, warmupTs);
  const sig = `v0=${crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  out.push(`${sig}\t${body}`);
}
fs.writeFileSync(outPath, `${out.join('\n')}\n`);
