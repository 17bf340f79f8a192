// Coverage arithmetic for the overview page: one summary row per lake table, and the hours
// inside each stream table's range that hold no rows at all (merged into stretches). Status and
// listings are event tables, quiet between listings by nature, so they have no hour gaps.

const HOUR = 3600e3;
export const STREAM_TABLES = new Set(["raw_frames", "trades", "depth_updates", "book_tickers", "klines", "mini_tickers"]);

export function summarizeCoverage(rows) {
  const byTable = new Map();
  for (const r of rows) {
    const t = byTable.get(r.table_name) ?? {table: r.table_name, rows: 0, files: 0, dates: 0, first: null, last: null};
    t.rows += r.rows;
    t.files += r.files;
    t.dates += 1;
    if (r.first_recv && (!t.first || r.first_recv < t.first)) t.first = r.first_recv;
    if (r.last_recv && (!t.last || r.last_recv > t.last)) t.last = r.last_recv;
    byTable.set(r.table_name, t);
  }
  return [...byTable.values()].map((t) => ({...t, days: t.first && t.last ? (t.last - t.first) / (24 * HOUR) : null}));
}

export function hourGaps(hourly) {
  const byTable = new Map();
  for (const r of hourly) {
    if (!STREAM_TABLES.has(r.table_name)) continue;
    const list = byTable.get(r.table_name) ?? [];
    list.push(+r.hour);
    byTable.set(r.table_name, list);
  }
  const gaps = [];
  for (const [table, hours] of byTable) {
    hours.sort((a, b) => a - b);
    for (let i = 1; i < hours.length; ++i) {
      const missing = (hours[i] - hours[i - 1]) / HOUR - 1;
      if (missing >= 1) gaps.push({table, from: new Date(hours[i - 1] + HOUR), to: new Date(hours[i]), hours: missing});
    }
  }
  return gaps.sort((a, b) => b.hours - a.hours);
}
