/**
 * Per-symbol rolling statistics from trades, kept small and immutable: fixed-width buckets
 * (default 10 s) with the close and quote volume of the last `keep` buckets, plus a slow EMA of
 * per-bucket quote volume for a baseline. One new object per trade; arrays are copied only when
 * a bucket rolls over.
 */

export interface MarketStats {
  readonly bucketStartMs: number;
  /** Closes of completed buckets, oldest first (at most `keep`). */
  readonly closes: readonly number[];
  /** Quote volumes of completed buckets, oldest first (at most `keep`). */
  readonly volumes: readonly number[];
  readonly close: number;
  readonly quoteVolume: number;
  /** EMA of completed buckets' quote volume. */
  readonly volumeEma: number;
  readonly buckets: number;
}

export interface StatsConfig {
  readonly bucketMs: number;
  /** Completed buckets kept (window / bucket). */
  readonly keep: number;
  /** EMA span in buckets for the volume baseline. */
  readonly emaBuckets: number;
}

export function updateStats(s: MarketStats | undefined, tMs: number, price: number, quote: number, c: StatsConfig): MarketStats {
  const start = Math.floor(tMs / c.bucketMs) * c.bucketMs;
  if (s === undefined) return { bucketStartMs: start, closes: [], volumes: [], close: price, quoteVolume: quote, volumeEma: NaN, buckets: 0 };
  if (start === s.bucketStartMs) return { ...s, close: price, quoteVolume: s.quoteVolume + quote };
  // roll: the finished bucket, then empty buckets for any silent gap (capped at `keep`)
  const gap = Math.min(c.keep, Math.max(0, Math.round((start - s.bucketStartMs) / c.bucketMs) - 1));
  const closes = [...s.closes, s.close];
  const volumes = [...s.volumes, s.quoteVolume];
  const alpha = 2 / (c.emaBuckets + 1);
  let ema = Number.isNaN(s.volumeEma) ? s.quoteVolume : s.volumeEma + alpha * (s.quoteVolume - s.volumeEma);
  for (let i = 0; i < gap; i++) {
    closes.push(s.close);
    volumes.push(0);
    ema = ema * (1 - alpha);
  }
  while (closes.length > c.keep) closes.shift();
  while (volumes.length > c.keep) volumes.shift();
  return { bucketStartMs: start, closes, volumes, close: price, quoteVolume: quote, volumeEma: ema, buckets: s.buckets + 1 + gap };
}

/** Price change over the kept window: close / oldest kept close − 1 (NaN without history). */
export function priceMove(s: MarketStats): number {
  const ref = s.closes[0];
  return ref === undefined || !(ref > 0) ? NaN : s.close / ref - 1;
}

/** Quote volume over the window (kept buckets + current) relative to the baseline for that many buckets. */
export function volumeRatio(s: MarketStats): number {
  if (!(s.volumeEma > 0)) return NaN;
  let v = s.quoteVolume;
  for (const x of s.volumes) v += x;
  return v / (s.volumeEma * (s.volumes.length + 1));
}
