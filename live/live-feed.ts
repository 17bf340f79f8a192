/**
 * The live event source: ingest's MarketFeed (ingest/market-feed.ts), the same connections,
 * frame recorder, order-book sync and listing discovery the recorder runs, with the live runner's
 * EventBridge as its sink (it records and feeds the runner). Discovery is always on: the runner
 * trades new listings.
 */
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { RowSink } from '../ingest/event-rows.ts';
import type { ListingDiscovery } from '../ingest/listings/discovery.ts';
import { MarketFeed, type MarketFeedOptions } from '../ingest/market-feed.ts';

export type LiveFeedOptions = Omit<MarketFeedOptions, 'listings' | 'component'>;

export class LiveFeed extends MarketFeed {
  declare readonly discovery: ListingDiscovery;

  constructor(o: LiveFeedOptions, sink: RowSink, clock: Clock, log: Logger) {
    super({ ...o, listings: true, component: 'live' }, sink, clock, log);
  }
}
