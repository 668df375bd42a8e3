/**
 * The browser harness of the web tests: Debian's chromium driven by playwright-core, against the app
 * started in-process on 127.0.0.1 with a temporary SQLite database, an owner account, axe-core checks and
 * screenshots in test-output/ (not committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { after, before } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { seededRandom } from '../../src/election/seeded.ts';
import { buildApp } from '../../src/server/app.ts';
import { createUser } from '../../src/server/auth.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SKIP = existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
export const OWNER = { username: 'owner', password: 'correct horse battery' };
const OUTPUT = 'test-output';

export interface Harness {
  readonly app: FastifyInstance;
  readonly base: string;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Flags that keep chromium from calling out to Google's services: the page must make no outside request. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function startHarness(): Promise<Harness> {
  execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'rollover-web-'));
  const store = await openSqliteStore(join(dir, 'test.db'));
  const app = await buildApp({ store, clock: () => new Date(), random: seededRandom('web'), pepper: 'web-test-pepper' });
  await createUser(store, OWNER.username, OWNER.password, 'owner');
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const { chromium } = await import('playwright-core');
  // A persistent context on a fresh directory is how playwright takes chromium's --user-data-dir. The
  // pages' content security policy forbids inline scripts, which is how axe-core is injected: bypassed here.
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, bypassCSP: true });
  return {
    app, base: address, context,
    close: async () => {
      await context.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A test file's harness and page: started before its tests and closed after them, unless the file is
 * skipped (`skip` is then the reason, and neither is started).
 */
export function browserPage(skip: string | false): { readonly h: Harness; readonly page: Page } {
  let started: { h: Harness; page: Page } | undefined;
  before(async () => {
    if (skip !== false) return;
    const h = await startHarness();
    started = { h, page: await h.context.newPage() };
  });
  after(async () => {
    await started?.h.close();
  });
  const get = (): { h: Harness; page: Page } => {
    if (started === undefined) throw new Error('the browser is used outside the tests it was started for');
    return started;
  };
  return {
    get h() {
      return get().h;
    },
    get page() {
      return get().page;
    },
  };
}

/** Requests to anywhere but the app itself: there must be none. */
export function outsideRequests(page: Page, base: string): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) seen.push(r.url());
  });
  return seen;
}

export interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: number;
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run();
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.length }));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

/** Presses Tab until the focused element's accessible label (aria-label or text) is `label`, as a keyboard user would. */
export async function tabTo(page: Page, label: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      return e ? (e.getAttribute('aria-label') ?? e.textContent ?? '').trim() : '';
    });
    if (focused === label) return;
  }
  throw new Error(`"${label}" was not reached in ${limit} presses of Tab`);
}
