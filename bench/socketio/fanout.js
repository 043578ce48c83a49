#!/usr/bin/env node
// Fan-out load on the /broadcast namespace with the official socket.io-client (WebSocket transport):
// N idle connections subscribed to one festival, then ROUNDS broadcasts sent by an organiser; for each
// delivered copy, latency = arrival - emit of send_broadcast (one monotonic clock: process.hrtime,
// shared by the worker processes of this machine), so it includes the sender's request (auth check,
// INSERT; its acknowledgement time is printed per round). Prints p50/p95/p99/max and how many copies
// arrived.
//
//   BASE=http://localhost:3333 ADMIN_EMAIL=... ADMIN_PASSWORD=... N=10000 node fanout.js
//
// Env: BASE (http://localhost:3333), N (1000 connections), WORKERS (4 client processes), ROUNDS (5),
// WARMUP (2 broadcasts first, not counted),
// INTERVAL_MS (2000 between broadcasts), RAMP (200 connections opened at a time per worker),
// ADMIN_EMAIL / ADMIN_PASSWORD (an ADMIN or ORGANIZER account; it creates the festival),
// TRANSPORT (websocket; "polling" for long-polling clients), NAMESPACE (/broadcast).
'use strict';
const { fork } = require('node:child_process');
const { io } = require('socket.io-client');

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : process.env[name]);
const BASE = env('BASE', 'http://localhost:3333');
const NAMESPACE = env('NAMESPACE', '/broadcast');
const TRANSPORT = env('TRANSPORT', 'websocket');

function now() {
  return Number(process.hrtime.bigint()); // ns, CLOCK_MONOTONIC: comparable across processes
}

function connect(token) {
  return io(BASE + NAMESPACE, {
    transports: TRANSPORT === 'polling' ? ['polling'] : ['websocket'],
    auth: { token },
    forceNew: true,
    reconnection: false,
    timeout: 60000,
  });
}

function request(socket, event, payload, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err, answer) => {
      if (err) reject(err);
      else if (answer && answer.error) reject(new Error(`${event}: ${answer.error.errorCode} ${answer.error.message}`));
      else resolve(answer);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// worker: opens its share of the connections and records arrival times
// ---------------------------------------------------------------------------------------------
async function worker() {
  const { token, festivalId, count, ramp } = JSON.parse(process.env.FANOUT_WORKER);
  const arrivals = {}; // seq -> [ns]
  const sockets = [];
  let failed = 0;
  let disconnected = 0;
  for (let start = 0; start < count; start += ramp) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + ramp); i++) {
      const socket = connect(token);
      sockets.push(socket);
      socket.on('broadcast', (b) => {
        const t = now();
        const seq = b && b.data ? b.data.seq : undefined;
        if (seq !== undefined) (arrivals[seq] = arrivals[seq] || []).push(t);
      });
      socket.on('disconnect', () => { disconnected++; });
      batch.push(new Promise((resolve) => {
        socket.once('connect', () => request(socket, 'subscribe', { festivalId }).then(() => resolve(true), () => resolve(false)));
        socket.once('connect_error', () => resolve(false));
      }).then((ok) => { if (!ok) failed++; }));
    }
    await Promise.all(batch);
  }
  process.send({ type: 'ready', connected: count - failed, failed });
  process.on('message', (msg) => {
    if (msg.type === 'report') {
      process.send({ type: 'report', arrivals, disconnected });
    } else if (msg.type === 'stop') {
      sockets.forEach((s) => s.close());
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// main: sets up the festival, starts the workers, sends the broadcasts, prints the figures
// ---------------------------------------------------------------------------------------------
async function http(method, path, body, token) {
  const res = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const N = Number(env('N', '1000'));
  const WORKERS = Math.max(1, Math.min(Number(env('WORKERS', '4')), N));
  const ROUNDS = Number(env('ROUNDS', '5'));
  const WARMUP = Number(env('WARMUP', '2'));
  const INTERVAL = Number(env('INTERVAL_MS', '2000'));
  const RAMP = Number(env('RAMP', '200'));
  const email = env('ADMIN_EMAIL', 'admin@festival.fr');
  const password = env('ADMIN_PASSWORD', 'Festival2025!');

  const admin = (await http('POST', '/api/auth/login', { email, password })).accessToken;
  const start = new Date(Date.now() + 30 * 86400000);
  const festival = await http('POST', '/api/festivals', {
    name: `Fan-out ${Date.now()}`, location: 'Bench', status: 'PUBLISHED',
    startDate: start.toISOString(), endDate: new Date(start.getTime() + 2 * 86400000).toISOString(),
  }, admin);
  const fan = await http('POST', '/api/auth/register', {
    email: `fanout-${Date.now()}@festival.test`, password: 'Festival2025!', firstName: 'Fan', lastName: 'Out',
  });
  console.log(`festival ${festival.id}; opening ${N} ${TRANSPORT} connections to ${BASE}${NAMESPACE} in ${WORKERS} processes`);

  const opened = Date.now();
  const workers = [];
  const ready = [];
  for (let w = 0; w < WORKERS; w++) {
    const count = Math.floor(N / WORKERS) + (w < N % WORKERS ? 1 : 0);
    const child = fork(__filename, [], {
      env: { ...process.env, FANOUT_WORKER: JSON.stringify({ token: fan.accessToken, festivalId: festival.id, count, ramp: RAMP }) },
    });
    workers.push(child);
    ready.push(new Promise((resolve) => child.once('message', resolve)));
  }
  const states = await Promise.all(ready);
  const connected = states.reduce((a, s) => a + s.connected, 0);
  const failed = states.reduce((a, s) => a + s.failed, 0);
  console.log(`connected and subscribed: ${connected} (failed ${failed}) in ${((Date.now() - opened) / 1000).toFixed(1)} s`);

  const sender = connect(admin);
  await new Promise((resolve, reject) => { sender.once('connect', resolve); sender.once('connect_error', reject); });
  const sentAt = {};
  const ackMs = {};
  for (let seq = -WARMUP; seq < ROUNDS; seq++) {
    await new Promise((r) => setTimeout(r, INTERVAL));
    sentAt[seq] = now();
    await request(sender, 'send_broadcast', {
      festivalId: festival.id, title: 'Fan-out', message: `round ${seq}`, data: { seq },
    });
    ackMs[seq] = (now() - sentAt[seq]) / 1e6; // the sender's request: auth check, INSERT, publish
  }
  await new Promise((r) => setTimeout(r, Math.max(2000, INTERVAL)));

  const reports = await Promise.all(workers.map((child) => new Promise((resolve) => {
    child.once('message', resolve);
    child.send({ type: 'report' });
  })));
  const all = [];
  for (let seq = 0; seq < ROUNDS; seq++) {
    const lat = [];
    for (const r of reports) for (const t of (r.arrivals[seq] || [])) lat.push((t - sentAt[seq]) / 1e6);
    lat.sort((a, b) => a - b);
    all.push(...lat);
    console.log(`round ${seq}: delivered ${lat.length}/${connected}  p50 ${percentile(lat, 50).toFixed(1)} ms`
      + `  p99 ${percentile(lat, 99).toFixed(1)} ms  max ${lat[lat.length - 1]?.toFixed(1)} ms`
      + `  (send_broadcast ack ${ackMs[seq].toFixed(1)} ms)`);
  }
  all.sort((a, b) => a - b);
  const disconnected = reports.reduce((a, r) => a + r.disconnected, 0);
  console.log(`ALL: connections ${connected}, copies ${all.length}/${connected * ROUNDS}, disconnects ${disconnected}`);
  console.log(`ALL: p50 ${percentile(all, 50).toFixed(1)} ms  p95 ${percentile(all, 95).toFixed(1)} ms`
    + `  p99 ${percentile(all, 99).toFixed(1)} ms  max ${all[all.length - 1]?.toFixed(1)} ms`);

  sender.close();
  workers.forEach((child) => child.send({ type: 'stop' }));
  const ok = all.length === connected * ROUNDS && failed === 0;
  setTimeout(() => process.exit(ok ? 0 : 1), 500);
}

if (process.env.FANOUT_WORKER) {
  worker().catch((e) => { console.error(e); process.exit(1); });
} else {
  main().catch((e) => { console.error(e.message || e); process.exit(1); });
}
