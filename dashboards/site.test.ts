/**
 * Builds the dashboards from a small real demo output (generate → calibrate → backtest) and
 * checks the pages, the data the loaders wrote (against the lake, model and run they read), that
 * nothing refers to the internet, and, in Chromium, that the charts render from that data.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildDashboards, remoteReferences } from './lib/site.ts';
import { captureIo, demoFixture, type Fixture } from './testing/fixture.ts';
import { hasChromium, launchChromium, serveStatic, warnNoChromium } from './testing/chromium.ts';

let fx: Fixture;
let out: string;

/** The built copy of a loader's output: _file/data/<name>.<hash>.<ext>. */
function builtData(name: string): string {
  const [base, ext] = [name.slice(0, name.lastIndexOf('.')), name.slice(name.lastIndexOf('.') + 1)];
  const dir = join(out, '_file', 'data', ...base.split('/').slice(0, -1));
  const leaf = base.split('/').at(-1)!;
  const file = readdirSync(dir).find((f) => f.startsWith(`${leaf}.`) && f.endsWith(`.${ext}`));
  if (file === undefined) throw new Error(`no built ${name} in ${dir}`);
  return join(dir, file);
}

async function query<T>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  fx = await demoFixture();
  out = mkdtempSync(join(tmpdir(), 'sniper-dashboards-out-'));
  await buildDashboards({ lake: fx.lake, model: fx.model, run: fx.run, out }, captureIo());
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('sniper dashboards build', () => {
  test('writes every page with its sections', () => {
    const page = (name: string) => readFileSync(join(out, `${name}.html`), 'utf8');
    for (const h of ['Lake overview', 'Sources', 'Activity over time', 'Gaps']) expect(page('index')).toContain(h);
    for (const h of ['Status timelines', 'The status-pattern study', 'Opening pumps']) expect(page('listings')).toContain(h);
    for (const h of ['Weights', 'Reliability', 'Expected value by confidence bucket', 'Walk-forward']) expect(page('calibration')).toContain(h);
    for (const h of ['Equity', 'Trades', 'Per-listing outcomes', 'All runs']) expect(page('backtest')).toContain(h);
  });

  test('the loaders read the sources given on the command line', () => {
    const sources = JSON.parse(readFileSync(builtData('sources.json'), 'utf8'));
    expect(sources.lake).toMatchObject({ present: true, path: fx.lake, from: 'env' });
    expect(sources.model).toMatchObject({ present: true, path: fx.model });
    expect(sources.run).toMatchObject({ present: true, path: fx.run });
  });

  test('coverage counts every row of every lake table', async () => {
    const built = await query<{ table_name: string; rows: number }>(
      `SELECT table_name, sum(rows)::DOUBLE AS rows FROM read_parquet('${builtData('coverage.parquet')}') GROUP BY ALL`);
    expect(built.length).toBeGreaterThanOrEqual(6);
    for (const { table_name: table, rows } of built) {
      const [lake] = await query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM read_parquet('${fx.lake}/${table}/**/*.parquet')`);
      expect({ table, rows }).toEqual({ table, rows: lake!.n });
    }
  });

  test('model and run tables arrive whole, and the run summary matches the run folder', async () => {
    const modelTables = join(fx.dir, 'models', 'm.tables');
    for (const t of ['reliability', 'weight_intervals', 'ev_buckets', 'walk_forward', 'listing_facts', 'status_patterns', 'predictions']) {
      const [a] = await query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM read_parquet('${builtData(`model/${t}.parquet`)}')`);
      const [b] = await query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM read_parquet('${modelTables}/${t}.parquet')`);
      expect({ t, n: a!.n }).toEqual({ t, n: b!.n });
    }
    const summary = JSON.parse(readFileSync(join(fx.run, 'summary.json'), 'utf8'));
    const run = JSON.parse(readFileSync(builtData('run.json'), 'utf8'));
    expect(run.decisionsHash).toBe(summary.decisionsHash);
    expect(run.listings.length).toBe(summary.listings.length);
    const [trades] = await query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM read_parquet('${builtData('trades.parquet')}')`);
    expect(trades!.n).toBe(summary.trades);
    const [eq] = await query<{ n: number; last: number }>(
      `SELECT count(*)::DOUBLE AS n, arg_max(last, t_ms) AS last FROM read_parquet('${builtData('equity.parquet')}')`);
    const [raw] = await query<{ last: number }>(`SELECT arg_max(equity, ts_us) AS last FROM read_parquet('${fx.run}/equity.parquet')`);
    expect(eq!.n).toBeLessThanOrEqual(2000);
    expect(eq!.last).toBe(raw!.last);
  });

  test('nothing in the site refers to a CDN or an npm: import', () => {
    expect(remoteReferences(out)).toEqual([]);
    expect(readdirSync(join(out, '_node')).some((d) => d.startsWith('hyparquet@'))).toBe(true);
  });
});

describe('the dashboards in Chromium', () => {
  warnNoChromium('the dashboards browser test');

  test.skipIf(!hasChromium)('charts render from the built data, and every request stays on localhost', async () => {
    const server = serveStatic(out);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));

      await page.goto(`${server.url}/calibration`);
      const reliability = page.locator('figure, svg').filter({ hasText: 'observed success rate' }).last();
      await reliability.locator('g[aria-label="dot"] circle').first().waitFor({ timeout: 20_000 });
      const [bins] = await query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM read_parquet('${builtData('model/reliability.parquet')}')`);
      expect(await reliability.locator('g[aria-label="dot"] circle').count()).toBe(bins!.n);

      await page.goto(`${server.url}/backtest`);
      await page.locator('g[aria-label="line"] path').first().waitFor({ timeout: 20_000 });
      expect(await page.locator('.observablehq--error').count()).toBe(0);

      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    } finally {
      await browser.close();
      server.stop();
    }
  }, 60_000);
});

/** A port that was free a moment ago (Framework's preview wants a number, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    }).on('error', reject);
  });
}

describe('sniper dashboards preview', () => {
  test('serves on localhost, prints the URL, and its loaders read the given sources', async () => {
    const port = await freePort();
    const sniper = join(import.meta.dir, '..', 'cli', 'sniper.ts');
    const proc = Bun.spawn([process.execPath, sniper, 'dashboards', 'preview', '--port', String(port), '--lake', fx.lake, '--model', fx.model, '--run', fx.run],
      { stdout: 'pipe', stderr: 'pipe' });
    try {
      const reader = proc.stdout.getReader();
      let text = '';
      while (!/dashboards: (http:\/\/\S+)/.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`preview ended before printing its URL: ${text}`);
        text += new TextDecoder().decode(value);
      }
      const url = /dashboards: (http:\/\/\S+)/.exec(text)![1]!;
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      expect(await (await fetch(url)).text()).toContain('Lake overview');
      const sources = await (await fetch(`${url}_file/data/sources.json`)).json() as { lake: { path: string } };
      expect(sources.lake.path).toBe(fx.lake);
    } finally {
      proc.kill('SIGTERM');
      await proc.exited;
    }
  }, 60_000);
});
