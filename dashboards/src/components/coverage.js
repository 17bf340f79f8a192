// Coverage arithmetic for the overview page: one summary row per lake table, and the buckets
// (minutes or hours) inside each stream table's range that hold no rows at all, merged into
// stretches. Status and listings are event tables, quiet between listings by nature, so they
// have no gaps.

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
  return [...byTable.values()].map((t) => ({...t, hours: t.first && t.last ? (t.last - t.first) / 3600e3 : null}));
}

/** The bucket size of the activity table, in ms (all rows share it). */
export function bucketMs(activity) {
  return (activity[0]?.bucket_seconds ?? 3600) * 1000;
}

export function emptyStretches(activity) {
  const size = bucketMs(activity);
  const byTable = new Map();
  for (const r of activity) {
    if (!STREAM_TABLES.has(r.table_name)) continue;
    const list = byTable.get(r.table_name) ?? [];
    list.push(+r.bucket);
    byTable.set(r.table_name, list);
  }
  const gaps = [];
  for (const [table, starts] of byTable) {
    starts.sort((a, b) => a - b);
    for (let i = 1; i < starts.length; ++i) {
      const missing = Math.round((starts[i] - starts[i - 1]) / size) - 1;
      if (missing >= 1) gaps.push({table, from: new Date(starts[i - 1] + size), to: new Date(starts[i]), buckets: missing, minutes: (missing * size) / 60e3});
    }
  }
  return gaps.sort((a, b) => b.buckets - a.buckets);
}
