/** The console's messages: read once, gone after five minutes, and at most a thousand held at a time. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { FlashStore, MAX_HELD_CHARS } from '../../src/web/admin/flash.ts';

async function harness() {
  const clock = { ms: 0 };
  const store = new FlashStore(() => clock.ms);
  const app = Fastify({ bodyLimit: MAX_HELD_CHARS });
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

test('past MAX_HELD_CHARS held, the oldest messages go to make room', async () => {
  const h = await harness();
  // Each message is a quarter of the bound (plus the few characters of its JSON): the fourth passes it.
  const quarter = (tag: string): string => tag + 'x'.repeat(MAX_HELD_CHARS / 4);
  const ids = [await h.leave(quarter('a')), await h.leave(quarter('b')), await h.leave(quarter('c')), await h.leave(quarter('d'))];
  assert.equal(await h.take(ids[0] ?? ''), 'none');
  assert.equal((await h.take(ids[1] ?? '')).slice(0, 2), 'bx');
  assert.equal((await h.take(ids[3] ?? '')).slice(0, 2), 'dx');
});
