/**
 * Suite: receipted votes per second over HTTP on localhost, against a bare Fastify route that inserts one
 * row into SQLite with the same durability, measured in the same run (goal: ratio ≥ 0.5), with p99
 * latency. Each server runs in its own process; the client keeps BENCH_CONCURRENCY requests in flight.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { envInt, ms, ROOT, row, type BenchSuite } from './lib.ts';

interface Load {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

function startServer(mode: 'service' | 'bare', dir: string, voters: number): Promise<{ port: number; stop: () => void; file: string }> {
  const file = join(dir, `${mode}.json`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/service-server.ts', mode, join(dir, `${mode}.db`), file, String(voters)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /ready (\d+)/.exec(chunk.toString());
      if (m) resolve({ port: Number(m[1]), stop: () => child.kill(), file });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function post(agent: Agent, port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function load(port: number, path: string, bodies: readonly string[], concurrency: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++] ?? '';
      const t = performance.now();
      const status = await post(agent, port, path, body);
      latencies.push(performance.now() - t);
      if (status !== 201 && status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { perSecond: bodies.length / seconds, p50: at(0.5), p99: at(0.99), failures };
}

function ballot(i: number): string[] {
  return [['Ann', 'Bob'], ['Bob', 'Cat', 'Ann'], ['Cat']][i % 3] ?? ['Ann'];
}

export const serviceSuite: BenchSuite = {
  name: 'service',
  about: 'receipted votes/s over HTTP (election service) vs a bare Fastify route inserting one SQLite row, same durability',
  async run({ tmp }) {
    const votes = envInt('BENCH_VOTES', 2000);
    const concurrency = envInt('BENCH_CONCURRENCY', 32);
    const results: Load[] = [];
    for (const mode of ['service', 'bare'] as const) {
      const server = await startServer(mode, tmp, votes);
      try {
        const { url, credentials } = JSON.parse(readFileSync(server.file, 'utf8')) as { url: string; credentials: string[] };
        const bodies = Array.from({ length: votes }, (_, i) => JSON.stringify(mode === 'service' ? { credential: credentials[i], rankings: { c: ballot(i) } } : { rankings: { c: ballot(i) } }));
        const r = await load(server.port, url, bodies, concurrency);
        results.push(r);
        const label = mode === 'service' ? `election service, ${votes} votes` : `bare Fastify + SQLite insert, ${votes} rows`;
        console.log(row(label, `${r.perSecond.toFixed(0)}/s`, `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}${r.failures > 0 ? `, ${r.failures} FAILED` : ''}`));
      } finally {
        server.stop();
      }
    }
    const [svc, base] = results;
    if (svc && base) {
      const ratio = svc.perSecond / base.perSecond;
      console.log(row('service / bare throughput', `${ratio.toFixed(2)}×`, `(goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}; ${concurrency} requests in flight)`));
    }
  },
};
