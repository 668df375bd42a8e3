/** The console's messages: read once, gone after five minutes, and at most a thousand held at a time. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { FlashStore } from '../../src/web/admin/flash.ts';

async function harness() {
  const clock = { ms: 0 };
  const store = new FlashStore(() => clock.ms);
  const app = Fastify();
  await app.register(cookie);
  app.post('/admin/leave', async (request, reply) => {
    store.leave(reply, { ok: true, message: String(request.body) });
    return reply.send('');
  });
  app.get('/admin/take', async (request, reply) => reply.send(store.take(request, reply)?.message ?? 'none'));
  const leave = async (message: string) => (await app.inject({ method: 'POST', url: '/admin/leave', payload: message, headers: { 'content-type': 'text/plain' } })).cookies[0]?.value ?? '';
  const take = async (id: string) => (await app.inject({ method: 'GET', url: '/admin/take', headers: { cookie: `rollover_flash=${id}` } })).body;
  return { clock, leave, take };
}

test('a message is read once by the cookie it was left under', async () => {
  const h = await harness();
  const id = await h.leave('Voting is open.');
  assert.equal(await h.take('someone-elses-guess'), 'none');
  assert.equal(await h.take(id), 'Voting is open.');
  assert.equal(await h.take(id), 'none');
});

test('a message not read within five minutes is gone', async () => {
  const h = await harness();
  const early = await h.leave('early');
  const late = await h.leave('late');
  h.clock.ms = 5 * 60_000 - 1;
  assert.equal(await h.take(early), 'early');
  h.clock.ms = 5 * 60_000;
  assert.equal(await h.take(late), 'none');
});

test('with a thousand messages held, leaving one more drops the oldest', async () => {
  const h = await harness();
  const ids: string[] = [];
  for (let i = 0; i <= 1000; i++) ids.push(await h.leave(`m${i}`));
  assert.equal(await h.take(ids[0] ?? ''), 'none');
  assert.equal(await h.take(ids[1] ?? ''), 'm1');
  assert.equal(await h.take(ids[1000] ?? ''), 'm1000');
});
