#!/usr/bin/env node
// Contract smoke test with the official socket.io-client (browser-like defaults: polling first, then
// the upgrade to WebSocket): connect with auth.token, `connected`, an acknowledged request, the
// upgrade, the /api alias, and connect_error with err.data.errorCode without a token.
//   BASE=http://localhost:3333 EMAIL=user@festival.fr PASSWORD=Festival2025! node smoke.js
'use strict';
const { io } = require('socket.io-client');
const assert = require('node:assert/strict');

const BASE = process.env.BASE || 'http://localhost:3333';

async function main() {
  const res = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: process.env.EMAIL || 'user@festival.fr', password: process.env.PASSWORD || 'Festival2025!' }),
  });
  assert.equal(res.status, 200, 'login');
  const { accessToken } = await res.json();

  for (const ns of ['/events', '/api/events']) {
    const socket = io(BASE + ns, { auth: { token: accessToken }, forceNew: true, reconnection: false });
    const connected = await new Promise((resolve, reject) => {
      socket.once('connected', resolve);
      socket.once('connect_error', reject);
    });
    assert.ok(connected.clientId && connected.user && connected.user.id, 'connected payload');
    await new Promise((resolve) => (socket.io.engine.transport.name === 'websocket'
      ? resolve() : socket.io.engine.once('upgrade', resolve)));
    assert.equal(socket.io.engine.transport.name, 'websocket', 'upgraded');
    const pong = await socket.timeout(5000).emitWithAck('ping', {});
    assert.equal(pong.pong, true, 'ping acknowledged');
    const refused = await socket.timeout(5000).emitWithAck('join_room', { room: 'lobby' });
    assert.equal(refused.error.errorCode, 'ERR_4001', 'refusal by acknowledgement');
    socket.close();
    console.log(`ok ${ns}: connected as ${connected.user.email}, upgraded to websocket, ack round trip`);
  }

  const anonymous = io(`${BASE}/zones`, { forceNew: true, reconnection: false });
  const err = await new Promise((resolve) => anonymous.once('connect_error', resolve));
  assert.equal(err.data.errorCode, 'ERR_2002', 'connect_error data');
  anonymous.close();
  console.log(`ok /zones without a token: connect_error "${err.message}" ${err.data.errorCode}`);
}

main().then(() => process.exit(0), (e) => { console.error('FAILED:', e.message || e); process.exit(1); });
