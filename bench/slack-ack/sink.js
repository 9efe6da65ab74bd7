#!/usr/bin/env node
'use strict';
// Minimal Slack Web API stand-in for the benchmark: answers every POST with ok:true (plus the fields the bot
// reads back: channel, ts, message_ts) and counts the calls. GET /count -> {"calls":N}. Loopback only.
const http = require('node:http');

const port = Number(process.env.SINK_PORT || 3002);
let calls = 0;
http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ calls }));
    return;
  }
  req.resume();
  req.on('end', () => {
    calls += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(calls).padStart(6, '0')}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"ok":true,"channel":"C0BENCH001","ts":"${ts}","message_ts":"${ts}"}`);
  });
}).listen(port, '127.0.0.1', () => console.log(`READY sink on 127.0.0.1:${port}`));
