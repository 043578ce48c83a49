#!/usr/bin/env node
// Gate scans over Socket.IO with the official socket.io-client (WebSocket transport): C connections on
// /zones, each a scanner sending `scan` {zoneId, ticketId, direction, deviceId} and waiting for its
// acknowledgement before the next one (a closed loop, like wrk's connections). Tickets and zones are
// numbered as in bench/zone-scan.lua: the run uses tickets FIRST+1 .. FIRST+COUNT split between the
// connections, ticket n goes to zone ZFIRST + 1 + n % NZONES, and each connection walks its slice IN on
// the first visit, OUT on the next, so that every scan is admitted. Prints scans/s, p50/p90/p99/max of the
// acknowledgement time, and the admitted/refused counts (JSON on the last line for the caller).
//
//   BASE=http://localhost:3333 TOKEN=<SECURITY member's access token> node scans.js
//
// Env: BASE, TOKEN, C (32 connections), DURATION (15 s), WARMUP (0 s: scans before the measurement, same
// walk), FIRST (0), COUNT (20000), ZFIRST (1000), NZONES (8), DEVICE (bench-sio).
'use strict';
const { io } = require('socket.io-client');

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : process.env[name]);
const BASE = env('BASE', 'http://localhost:3333');
const TOKEN = env('TOKEN', '');
const C = Number(env('C', 32));
const DURATION = Number(env('DURATION', 15)) * 1000;
const WARMUP = Number(env('WARMUP', 0)) * 1000;
const FIRST = Number(env('FIRST', 0));
const COUNT = Number(env('COUNT', 20000));
const ZFIRST = Number(env('ZFIRST', 1000));
const NZONES = Number(env('NZONES', 8));
const DEVICE = env('DEVICE', 'bench-sio');

const id = (prefix, n) => `${prefix}${String(n).padStart(12, '0')}`;

function connect() {
  return new Promise((resolve, reject) => {
    const socket = io(`${BASE}/zones`, {
      transports: ['websocket'], auth: { token: TOKEN }, forceNew: true, reconnection: false, timeout: 30000,
    });
    socket.once('connected', () => resolve(socket));
    socket.once('connect_error', (e) => reject(new Error(`connect_error: ${e.message} ${JSON.stringify(e.data || {})}`)));
  });
}

function scan(socket, body) {
  return new Promise((resolve, reject) => {
    socket.timeout(30000).emit('scan', body, (err, answer) => (err ? reject(err) : resolve(answer)));
  });
}

async function main() {
  if (!TOKEN) throw new Error('TOKEN is required');
  const sockets = await Promise.all(Array.from({ length: C }, connect));
  const per = Math.floor(COUNT / C);
  const latencies = [];
  let admitted = 0;
  let refused = 0;
  let errors = 0;
  const reasons = {};
  const started = Date.now();
  const measureFrom = started + WARMUP;
  const end = measureFrom + DURATION;

  async function loop(k) {
    const socket = sockets[k];
    const lo = FIRST + k * per + 1;
    const inside = new Set();
    let pos = 0;
    while (Date.now() < end) {
      const n = lo + pos;
      pos = (pos + 1) % per;
      const direction = inside.has(n) ? 'OUT' : 'IN';
      const body = {
        zoneId: id('50000000-0000-4000-8000-', ZFIRST + 1 + (n % NZONES)),
        ticketId: id('40000000-0000-4000-8000-', n), direction, deviceId: DEVICE,
      };
      const t0 = process.hrtime.bigint();
      let answer;
      try {
        answer = await scan(socket, body);
      } catch (e) {
        errors++;
        continue;
      }
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (direction === 'IN') inside.add(n); else inside.delete(n);
      if (Date.now() < measureFrom) continue;
      latencies.push(ms);
      if (answer && answer.allowed === true) {
        admitted++;
      } else {
        refused++;
        const reason = (answer && (answer.reason || (answer.error && answer.error.errorCode))) || 'unknown';
        reasons[reason] = (reasons[reason] || 0) + 1;
      }
    }
  }

  await Promise.all(sockets.map((_, k) => loop(k)));
  const seconds = (Date.now() - measureFrom) / 1000;
  sockets.forEach((s) => s.close());
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0);
  const result = {
    connections: C, scans: latencies.length, perSecond: Math.round(latencies.length / seconds),
    p50: +pct(0.5).toFixed(2), p90: +pct(0.9).toFixed(2), p99: +pct(0.99).toFixed(2),
    max: +(latencies[latencies.length - 1] || 0).toFixed(2), admitted, refused, reasons, errors,
  };
  console.log(`Socket.IO scans: ${result.scans} in ${seconds.toFixed(1)} s = ${result.perSecond}/s over ${C} connections; `
    + `ack p50 ${result.p50} ms, p90 ${result.p90} ms, p99 ${result.p99} ms, max ${result.max} ms; `
    + `admitted ${admitted}, refused ${refused} ${JSON.stringify(reasons)}, errors ${errors}`);
  console.log(JSON.stringify(result));
}

main().then(() => process.exit(0), (e) => { console.error('FAILED:', e.message || e); process.exit(1); });
