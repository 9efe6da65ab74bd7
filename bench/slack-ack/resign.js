#!/usr/bin/env node
'use strict';
// Warm-up helper: reads a request file written by bolt-peer/make-requests.js, gives every event a different
// event_id and message ts, and every slash command a different trigger_id (the generator's depend only on the index
// and the second it ran, so a warm-up would otherwise make the measured run's requests duplicates for a server that
// deduplicates by event_id or trigger_id, or by the message's ts as the bot does for posted messages), re-signs each
// line and writes the new file. The warm-up's ids sort before the measured run's, as older ids do in a real
// workspace: a measured request's key then lands after the warm-up's in an index, not between two of its entries
// (a command's trigger_id used to keep the measured run's numeric prefix, so each measured command was inserted
// between two of the warm-up's keys, into full leaves: 13 % of the measured commits rewrote five pages or more,
// against 8 % with the warm-up's ids first).
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
    .replace('"event_id":"Ev0BENCH', '"event_id":"Ev0ABENCH')
    .replace('&trigger_id=7', '&trigger_id=6')
    .replaceAll(messageTs, warmupTs);
  const sig = `v0=${crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  out.push(`${sig}\t${body}`);
}
fs.writeFileSync(outPath, `${out.join('\n')}\n`);
