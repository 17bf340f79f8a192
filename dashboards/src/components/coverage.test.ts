import { describe, expect, test } from 'bun:test';
// @ts-expect-error plain JS module shared with the pages (no type declarations)
import { emptyStretches, summarizeCoverage } from './coverage.js';

const t = (iso: string) => new Date(`2026-01-01T${iso}Z`);

describe('coverage arithmetic', () => {
  test('empty stretches are the whole buckets missing between two with rows, stream tables only', () => {
    const activity = [
      { table_name: 'trades', bucket: t('10:00:00'), bucket_seconds: 60, rows: 5 },
      { table_name: 'trades', bucket: t('10:01:00'), bucket_seconds: 60, rows: 5 },
      { table_name: 'trades', bucket: t('10:05:00'), bucket_seconds: 60, rows: 5 },
      { table_name: 'status', bucket: t('10:00:00'), bucket_seconds: 60, rows: 1 },
      { table_name: 'status', bucket: t('12:00:00'), bucket_seconds: 60, rows: 1 },
    ];
    expect(emptyStretches(activity)).toEqual([{ table: 'trades', from: t('10:02:00'), to: t('10:05:00'), buckets: 3, minutes: 3 }]);
  });

  test('a table summary adds its date partitions up', () => {
    const rows = [
      { table_name: 'trades', date: '2026-01-01', files: 2, rows: 10, first_recv: t('10:00:00'), last_recv: t('11:00:00') },
      { table_name: 'trades', date: '2026-01-02', files: 1, rows: 5, first_recv: t('09:00:00'), last_recv: t('12:00:00') },
    ];
    expect(summarizeCoverage(rows)).toEqual([{ table: 'trades', rows: 15, files: 3, dates: 2, first: t('09:00:00'), last: t('12:00:00'), hours: 3 }]);
  });
});
