#!/usr/bin/env node
'use strict';
// Warm-up helper: reads a request file written by bolt-peer/make-requests.js, gives every event a different
// event_id (the generator's ids depend only on the index, so a warm-up would otherwise make the measured run's
// events duplicates for a server that deduplicates by event_id), re-signs each line and writes the new file.
//   node resign.js IN OUT   (secret from SLACK_SIGNING_SECRET)
const crypto = require('node:crypto');
const fs = require('node:fs');

const [, , inPath, outPath] = process.argv;
const secret = process.env.SLACK_SIGNING_SECRET;
if (!inPath || !outPath || !secret) { console.error('usage: SLACK_SIGNING_SECRET=… node resign.js IN OUT'); process.exit(2); }
const lines = fs.readFileSync(inPath, 'utf8').split('\n').filter(Boolean);
const ts = lines[0];
const out = [lines[0], lines[1]];
for (const line of lines.slice(2)) {
  const body = line.slice(line.indexOf('\t') + 1).replace('"event_id":"Ev0BENCH', '"event_id":"Ev0WARMUP');
  const sig = `v0=${crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  out.push(`${sig}\t${body}`);
}
fs.writeFileSync(outPath, `${out.join('\n')}\n`);
