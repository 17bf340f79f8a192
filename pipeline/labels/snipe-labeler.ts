/**
 * The default Labeler: the backtest fill model (execution/snipe.ts) on the listing's events, with
 * a top-of-book at the traded price wherever the recorded book has gone stale (execution/listing-labels.ts withTradeBook).
 */
import { simulateSnipe } from '../../execution/snipe.ts';
import { withTradeBook } from '../../execution/listing-labels.ts';
import type { Labeler, SnipeLabel } from './types.ts';

export const snipeLabeler: Labeler = (listing, params) => {
  const missedAt = listing.openMs + params.snipe.windowEndMs + params.snipe.latencyMs;
  if (!listing.apiTradable) {
    return {
      symbol: listing.symbol, status: 'not_tradable', attempts: 0, entryMs: null, entryPrice: null, exitMs: missedAt,
      exitPrice: null, exitReason: null, feesQuote: 0, pnlQuote: 0, netReturn: 0, success: 0,
    };
  }
  const events = params.staleBookMs > 0 ? withTradeBook(listing.events, params.staleBookMs) : listing.events;
  const out = simulateSnipe(listing.symbol, listing.openMs, events, params.snipe);
  if (out.status === 'missed') {
    return {
      symbol: listing.symbol, status: 'missed', attempts: out.attempts, entryMs: null, entryPrice: null, exitMs: missedAt,
      exitPrice: null, exitReason: null, feesQuote: 0, pnlQuote: 0, netReturn: 0, success: 0,
    };
  }
  const label: SnipeLabel = {
    symbol: listing.symbol,
    status: 'filled',
    attempts: out.attempts,
    entryMs: out.entryTimeUs === undefined ? null : Math.floor(out.entryTimeUs / 1000),
    entryPrice: out.entryPrice ?? null,
    exitMs: Math.ceil((out.exitTimeUs ?? out.entryTimeUs ?? missedAt * 1000) / 1000),
    exitPrice: out.exitPrice ?? null,
    exitReason: out.exitReason ?? null,
    feesQuote: out.feesQuote,
    pnlQuote: out.pnl,
    netReturn: out.returnPct,
    success: out.returnPct > params.minSuccessReturn ? 1 : 0,
  };
  return label;
};
