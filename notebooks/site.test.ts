/**
 * Builds the research notebook from a small real demo output: its SQL cells must have run in
 * DuckDB over the lake and the model tables (the answers are checked against them), nothing may
 * import code from the internet, and in Chromium the result tables and charts must render.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildNotebooks, remoteImports } from './lib/site.ts';
import { captureIo, demoFixture, type Fixture } from '../dashboards/testing/fixture.ts';
import { hasChromium, launchChromium, serveStatic, warnNoChromium } from '../dashboards/testing/chromium.ts';

interface QueryResult {
  readonly rows: Record<string, unknown>[];
  readonly schema: { name: string; type: string }[];
}

let fx: Fixture;
let out: string;

async function count(sql: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The SQL cell results the build embedded (one JSON file per cell). */
function results(): QueryResult[] {
  const assets = join(out, 'assets');
  return readdirSync(assets).filter((f) => f.startsWith('sniper-') && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(assets, f), 'utf8')) as QueryResult);
}

const withColumn = (name: string) => results().find((r) => r.schema.some((c) => c.name === name));

beforeAll(async () => {
  fx = await demoFixture();
  out = mkdtempSync(join(tmpdir(), 'sniper-notebooks-out-'));
  await buildNotebooks({ lake: fx.lake, model: fx.model, run: fx.run, out }, captureIo());
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('sniper notebooks build', () => {
  test('writes the notebook with every SQL cell answered from the lake and the model', async () => {
    const html = readFileSync(join(out, 'listing-research.html'), 'utf8');
    expect(html).toContain('The opening minutes');
    expect(results().length).toBe(6);

    const coverage = withColumn('table_name')!;
    const trades = coverage.rows.find((r) => r.table_name === 'trades')!;
    expect(trades.rows).toBe(await count(`SELECT count(*) FROM read_parquet('${fx.lake}/trades/**/*.parquet')`));

    const opening = withColumn('high_1m')!;
    expect(opening.rows.length).toBe(await count(`SELECT count(DISTINCT symbol) FROM read_parquet('${fx.lake}/trades/**/*.parquet')
      WHERE symbol IN (SELECT symbol FROM read_parquet('${fx.lake}/listings/**/*.parquet'))`));

    const reliability = withColumn('observed_rate')!;
    expect(reliability.rows.length).toBe(await count(`SELECT count(*) FROM read_parquet('${join(fx.dir, 'models', 'm.tables', 'reliability.parquet')}')`));
  });

  test('no built file imports code from the internet', () => {
    expect(remoteImports(out)).toEqual([]);
  });
});

describe('the notebook in Chromium', () => {
  warnNoChromium('the notebooks browser test');

  test.skipIf(!hasChromium)('SQL result tables and Plot charts render, and every request stays on localhost', async () => {
    const server = serveStatic(out);
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/listing-research.html`);
      await page.locator('g[aria-label="dot"] circle').first().waitFor({ timeout: 20_000 });
      await page.locator('table').nth(5).waitFor({ timeout: 20_000 });
      expect(await page.locator('table').count()).toBe(6);
      expect(await page.locator('figure svg, svg[class*="plot"]').count()).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    } finally {
      await browser.close();
      server.stop();
    }
  }, 60_000);
});
