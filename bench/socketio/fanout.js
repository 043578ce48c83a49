#!/usr/bin/env node
// Fan-out load on the /broadcast namespace with the official socket.io-client (WebSocket transport):
// N idle connections subscribed to one festival, spread over WORKERS client processes, then ROUNDS
// broadcasts sent by an organiser, one at a time.
//
// How a copy's latency is measured: the sender reads CLOCK_MONOTONIC (process.hrtime, one clock for
// every process of this machine) just before it emits send_broadcast and puts that reading in the
// broadcast's `data.t` (ms); a client process reads the same clock inside its socket.io-client
// 'broadcast' handler, i.e. when the event fires, and keeps (now - data.t). So a latency includes the
// sender's request (access check, INSERT), the server's fan-out, the network stack and the client
// process's own work and queueing before the event fires (its other sockets' copies of the same
// broadcast, all on the same CPUs as the server). The acknowledgement time of send_broadcast is
// printed per round.
//
// Rounds never overlap: after each broadcast, the sender waits until every client process reports
// that all its connections have the copy (or ROUND_TIMEOUT_MS), then GAP_MS of quiet, then sends the
// next. CPU used per round (server from /proc/APP_PID/stat when APP_PID is set, client processes from
// process.cpuUsage) is printed with it.
//
//   BASE=http://localhost:3333 ADMIN_EMAIL=... ADMIN_PASSWORD=... N=10000 node fanout.js
//
// Env: BASE (http://localhost:3333), N (1000 connections), WORKERS (client processes; default one per
// CPU), ROUNDS (5), WARMUP (2 broadcasts first, not counted), GAP_MS (1000 of quiet between a round's
// last copy and the next broadcast), ROUND_TIMEOUT_MS (10000), RAMP (200 connections opened at a time
// per worker), ADMIN_EMAIL / ADMIN_PASSWORD (an ADMIN or ORGANIZER account; it creates the festival),
// TRANSPORT (websocket; "polling" for long-polling clients), NAMESPACE (/broadcast), APP_PID (the
// server's pid, for its CPU time), CLIENT (socket.io-client; "raw" for the diagnostic client below).
'use strict';
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const { io } = require('socket.io-client');

const env = (name, fallback) => (process.env[name] === undefined || process.env[name] === '' ? fallback : process.env[name]);
const BASE = env('BASE', 'http://localhost:3333');
const NAMESPACE = env('NAMESPACE', '/broadcast');
const TRANSPORT = env('TRANSPORT', 'websocket');
const CLIENT = env('CLIENT', 'socket.io-client');

/** ms on CLOCK_MONOTONIC: the same clock in every process of this machine. */
function now() {
  return Number(process.hrtime.bigint()) / 1e6;
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

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// CLIENT=raw (diagnostic only): the same connections made with the `ws` package alone (the WebSocket
// socket.io-client itself uses in Node), speaking just enough Engine.IO v4 / Socket.IO v5 to connect the
// namespace, subscribe, answer pings and read `broadcast` events; a copy is timed when its frame is read.
// It shows how much of a latency is the official client's own per-message work.
function rawConnect(token, festivalId, sockets, onBroadcast, onClose) {
  const WebSocket = require('ws');
  const ns = NAMESPACE;
  const event = `42${ns},["broadcast",`;
  const ws = new WebSocket(`${BASE.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  sockets.push(ws);
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const t = now();
      const text = data.toString();
      if (text.startsWith(event)) {
        onBroadcast(JSON.parse(text.slice(ns.length + 3))[1], t);
      } else if (text === '2') {
        ws.send('3');
      } else if (text.startsWith('0{')) {
        ws.send(`40${ns},${JSON.stringify({ token })}`);
      } else if (text.startsWith(`40${ns},`)) {
        ws.send(`42${ns},1${JSON.stringify(['subscribe', { festivalId }])}`);
      } else if (text.startsWith(`43${ns},1`)) {
        resolve(!text.includes('"error"'));
      } else if (text.startsWith(`44${ns},`)) {
        resolve(false);
      }
    });
    ws.on('error', () => resolve(false));
    ws.on('close', onClose);
  });
}

// ---------------------------------------------------------------------------------------------
// worker: opens its share of the connections; on each copy, records its latency and nothing else
// ---------------------------------------------------------------------------------------------
async function worker() {
  const { token, festivalId, count, ramp } = JSON.parse(process.env.FANOUT_WORKER);
  const latencies = new Map(); // seq -> Float64Array(count) of ms
  const received = new Map(); // seq -> copies so far
  const sockets = [];
  let failed = 0;
  let disconnected = 0;
  let connected = 0;
  const onBroadcast = (b, at) => {
    const t = at === undefined ? now() : at; // first thing: the moment socket.io-client fires the event
    const d = b && b.data;
    if (!d || typeof d.seq !== 'number' || typeof d.t !== 'number') return;
    let lat = latencies.get(d.seq);
    if (!lat) {
      lat = new Float64Array(connected);
      latencies.set(d.seq, lat);
    }
    const n = received.get(d.seq) || 0;
    if (n < lat.length) lat[n] = t - d.t;
    received.set(d.seq, n + 1);
    if (n + 1 === connected) process.send({ type: 'done', seq: d.seq, cpuMs: cpuMs() });
  };
  for (let start = 0; start < count; start += ramp) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + ramp); i++) {
      if (CLIENT === 'raw') {
        batch.push(rawConnect(token, festivalId, sockets, onBroadcast, () => { disconnected++; })
          .then((ok) => { if (ok) connected++; else failed++; }));
        continue;
      }
      const socket = connect(token);
      sockets.push(socket);
      socket.on('broadcast', onBroadcast);
      socket.on('disconnect', () => { disconnected++; });
      batch.push(new Promise((resolve) => {
        socket.once('connect', () => request(socket, 'subscribe', { festivalId }).then(() => resolve(true), () => resolve(false)));
        socket.once('connect_error', () => resolve(false));
      }).then((ok) => { if (ok) connected++; else failed++; }));
    }
    await Promise.all(batch);
  }
  process.send({ type: 'ready', connected, failed, cpuMs: cpuMs() });
  process.on('message', (msg) => {
    if (msg.type === 'progress') {
      process.send({ type: 'progress', seq: msg.seq, received: received.get(msg.seq) || 0, cpuMs: cpuMs() });
    } else if (msg.type === 'report') {
      const out = {};
      for (const [seq, lat] of latencies) out[seq] = Array.from(lat.subarray(0, Math.min(lat.length, received.get(seq))));
      process.send({ type: 'report', latencies: out, disconnected });
    } else if (msg.type === 'stop') {
      sockets.forEach((s) => s.close());
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// main: sets up the festival, starts the workers, sends the broadcasts one at a time, prints figures
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** utime + stime of a process in ms (null without APP_PID); serverSysMs: stime alone. */
function procTicks(pid) {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[11]) * 10, Number(fields[12]) * 10]; // clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}
function serverCpuMs(pid) {
  const t = procTicks(pid);
  return t === null ? null : t[0] + t[1];
}
function serverSysMs(pid) {
  const t = procTicks(pid);
  return t === null ? null : t[1];
}

async function main() {
  const N = Number(env('N', '1000'));
  const cpus = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  const WORKERS = Math.max(1, Math.min(Number(env('WORKERS', String(cpus))), N));
  const ROUNDS = Number(env('ROUNDS', '5'));
  const WARMUP = Number(env('WARMUP', '2'));
  const GAP = Number(env('GAP_MS', '1000'));
  const ROUND_TIMEOUT = Number(env('ROUND_TIMEOUT_MS', '10000'));
  const RAMP = Number(env('RAMP', '200'));
  const APP_PID = env('APP_PID', '');
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
  console.log(`festival ${festival.id}; opening ${N} ${CLIENT === 'raw' ? 'raw ws' : TRANSPORT} connections to ${BASE}${NAMESPACE}`
    + ` in ${WORKERS} processes (${CLIENT})`);

  const opened = Date.now();
  const workers = [];
  const ready = [];
  const waiting = new Map(); // worker index -> resolver of its next 'done' / 'progress'
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

  // per worker: the latest 'done' seq and its CPU reading
  const done = workers.map(() => new Map());
  workers.forEach((child, w) => child.on('message', (msg) => {
    if (msg.type === 'done') {
      done[w].set(msg.seq, msg.cpuMs);
      const resolve = waiting.get(w);
      if (resolve) resolve();
    }
  }));
  const lastCpu = states.map((s) => s.cpuMs);

  const sender = connect(admin);
  await new Promise((resolve, reject) => { sender.once('connect', resolve); sender.once('connect_error', reject); });
  const ackMs = {};
  const roundCpu = {};
  let serverCpuTotal = APP_PID ? 0 : null;
  let serverSysTotal = 0;
  let clientCpuTotal = 0;
  for (let seq = -WARMUP; seq < ROUNDS; seq++) {
    await sleep(GAP);
    const serverBefore = serverCpuMs(APP_PID);
    const sysBefore = serverSysMs(APP_PID);
    const t = now();
    const acked = request(sender, 'send_broadcast', {
      festivalId: festival.id, title: 'Fan-out', message: `round ${seq}`, data: { seq, t },
    }).then(() => { ackMs[seq] = now() - t; });
    // wait for every worker's last copy of this round (or the timeout)
    const deadline = Date.now() + ROUND_TIMEOUT;
    for (let w = 0; w < workers.length; w++) {
      while (!done[w].has(seq) && Date.now() < deadline) {
        await Promise.race([new Promise((r) => waiting.set(w, r)), sleep(Math.max(1, deadline - Date.now()))]);
        waiting.delete(w);
      }
    }
    await acked;
    const serverAfter = serverCpuMs(APP_PID);
    const sysAfter = serverSysMs(APP_PID);
    let clientCpu = 0;
    workers.forEach((_, w) => {
      if (done[w].has(seq)) { clientCpu += done[w].get(seq) - lastCpu[w]; lastCpu[w] = done[w].get(seq); }
    });
    roundCpu[seq] = {
      server: serverBefore === null ? null : serverAfter - serverBefore,
      sys: sysBefore === null ? null : sysAfter - sysBefore,
      client: clientCpu,
    };
    if (seq >= 0) {
      clientCpuTotal += clientCpu;
      if (serverCpuTotal !== null) {
        serverCpuTotal += roundCpu[seq].server;
        serverSysTotal += roundCpu[seq].sys;
      }
    }
  }

  const reports = await Promise.all(workers.map((child) => new Promise((resolve) => {
    const onReport = (msg) => { if (msg.type === 'report') { child.off('message', onReport); resolve(msg); } };
    child.on('message', onReport);
    child.send({ type: 'report' });
  })));
  const all = [];
  for (let seq = 0; seq < ROUNDS; seq++) {
    const lat = [];
    for (const r of reports) for (const v of (r.latencies[seq] || [])) lat.push(v);
    lat.sort((a, b) => a - b);
    all.push(...lat);
    const cpu = roundCpu[seq];
    console.log(`round ${seq}: delivered ${lat.length}/${connected}  p50 ${percentile(lat, 50).toFixed(1)} ms`
      + `  p95 ${percentile(lat, 95).toFixed(1)} ms  p99 ${percentile(lat, 99).toFixed(1)} ms  max ${lat[lat.length - 1]?.toFixed(1)} ms`
      + `  (send_broadcast ack ${ackMs[seq].toFixed(1)} ms; CPU server ${cpu.server ?? '?'} ms (sys ${cpu.sys ?? '?'}), clients ${cpu.client.toFixed(0)} ms)`);
  }
  all.sort((a, b) => a - b);
  const acks = Object.entries(ackMs).filter(([s]) => Number(s) >= 0).map(([, v]) => v).sort((a, b) => a - b);
  const disconnected = reports.reduce((a, r) => a + r.disconnected, 0);
  console.log(`ALL: connections ${connected}, copies ${all.length}/${connected * ROUNDS}, disconnects ${disconnected}`);
  console.log(`ALL: p50 ${percentile(all, 50).toFixed(1)} ms  p95 ${percentile(all, 95).toFixed(1)} ms`
    + `  p99 ${percentile(all, 99).toFixed(1)} ms  max ${all[all.length - 1]?.toFixed(1)} ms`
    + `  ack ${acks[0].toFixed(1)}-${acks[acks.length - 1].toFixed(1)} ms`);
  console.log(`ALL: CPU per broadcast: server ${serverCpuTotal === null ? '?' : (serverCpuTotal / ROUNDS).toFixed(0)} ms`
    + ` (kernel ${serverCpuTotal === null ? '?' : (serverSysTotal / ROUNDS).toFixed(0)} ms)`
    + ` (from the send to the last copy; /proc, 10 ms ticks), client processes ${(clientCpuTotal / ROUNDS).toFixed(0)} ms`);

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
