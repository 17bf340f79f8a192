import { afterAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLake, modelTablesDir, resolveSources } from './sources.ts';

const dir = mkdtempSync(join(tmpdir(), 'sniper-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lake(name: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, 'trades', 'date=2026-01-01'), { recursive: true });
  return p;
}

function model(name: string, withTables = true): string {
  const p = join(dir, `${name}.json`);
  writeFileSync(p, '{}');
  if (withTables) mkdirSync(modelTablesDir(p), { recursive: true });
  return p;
}

describe('resolveSources', () => {
  test('takes SNIPER_LAKE, SNIPER_MODEL and SNIPER_RUN when they point at the real thing', () => {
    const run = join(dir, 'run1');
    mkdirSync(run);
    writeFileSync(join(run, 'summary.json'), '{}');
    const s = resolveSources({ SNIPER_LAKE: lake('lake1'), SNIPER_MODEL: model('m1'), SNIPER_RUN: run });
    expect(s.lake).toEqual({ kind: 'lake', present: true, path: join(dir, 'lake1'), from: 'env' });
    expect(s.model).toMatchObject({ present: true, path: join(dir, 'm1.json') });
    expect(s.run).toMatchObject({ present: true, path: run });
  });

  test('says what is missing and how to make it, instead of failing', () => {
    const s = resolveSources({ SNIPER_LAKE: join(dir, 'nope'), SNIPER_MODEL: model('m2', false), SNIPER_RUN: join(dir, 'norun') });
    expect(s.lake.present).toBe(false);
    if (!s.lake.present) expect(s.lake.message).toContain('sniper demo');
    if (!s.model.present) expect(s.model.message).toContain('sniper calibrate');
    else throw new Error('a model without its .tables folder is not a model for the dashboards');
    if (!s.run.present) expect(s.run.message).toContain('sniper backtest');
    else throw new Error('a folder without summary.json is not a run');
  });

  test('a lake is a folder with <table>/date=* partitions', () => {
    expect(isLake(lake('lake2'))).toBe(true);
    mkdirSync(join(dir, 'flat', 'trades'), { recursive: true });
    expect(isLake(join(dir, 'flat'))).toBe(false);
    expect(modelTablesDir('/x/models/demo.json')).toBe('/x/models/demo.tables');
  });
});
