/**
 * Cursors for the summary market tables (book tickers, klines, mini tickers): Arrow batches read
 * column-wise into one reused event object per table, like backtest/cursors.ts.
 */
import type { RecordBatch } from 'apache-arrow';
import type { BookTickerEvent, KlineEvent, KlineInterval, MiniTickerEvent, SniperEvent } from '../core/events.ts';
import { arrowSchema, f64Of } from './arrow-batch.ts';
import { ChunkCursor, f64s, HEAD, type Mutable } from './cursors.ts';

export class BookTickerCursor extends ChunkCursor {
  private cols: Float64Array[] = [];
  private readonly ev: Mutable<BookTickerEvent> = { type: 'book_ticker', symbol: '', bidPrice: 0, bidQty: 0, askPrice: 0, askQty: 0, tsEvent: 0, tsRecv: 0, seq: 0 };
  protected override readonly schema = arrowSchema([...HEAD, ...f64s('bid_price', 'bid_qty', 'ask_price', 'ask_qty')]);

  protected bind(batch: RecordBatch): void {
    this.cols = [4, 5, 6, 7].map((c) => f64Of(batch, c));
  }

  current(): SniperEvent {
    const i = this.i;
    const e = this.ev;
    e.symbol = this.symbols[this.symCol[i]!]!;
    e.bidPrice = this.cols[0]![i]!;
    e.bidQty = this.cols[1]![i]!;
    e.askPrice = this.cols[2]![i]!;
    e.askQty = this.cols[3]![i]!;
    e.tsEvent = this.evCol[i]!;
    e.tsRecv = this.tsCol[i]!;
    e.seq = this.seqCol[i]!;
    return e;
  }
}

/** Interval codes used by the klines query (index = code). */
export const KLINE_INTERVALS: readonly KlineInterval[] = ['Min1', 'Min5', 'Min15', 'Min30', 'Min60', 'Hour4', 'Hour8', 'Day1', 'Week1', 'Month1'];

export class KlineCursor extends ChunkCursor {
  private cols: Float64Array[] = [];
  private readonly ev: Mutable<KlineEvent> = {
    type: 'kline', symbol: '', interval: 'Min1', openTime: 0, closeTime: 0, open: 0, high: 0, low: 0, close: 0, baseVolume: 0, quoteVolume: 0, tsEvent: 0, tsRecv: 0, seq: 0,
  };

  protected override readonly schema = arrowSchema([...HEAD, ...f64s('interval', 'open_time', 'close_time', 'open', 'high', 'low', 'close', 'base_volume', 'quote_volume')]);

  protected bind(batch: RecordBatch): void {
    this.cols = [4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => f64Of(batch, c));
  }

  current(): SniperEvent {
    const i = this.i;
    const e = this.ev;
    const c = this.cols;
    e.symbol = this.symbols[this.symCol[i]!]!;
    e.interval = KLINE_INTERVALS[c[0]![i]!] ?? 'Min1';
    e.openTime = c[1]![i]!;
    e.closeTime = c[2]![i]!;
    e.open = c[3]![i]!;
    e.high = c[4]![i]!;
    e.low = c[5]![i]!;
    e.close = c[6]![i]!;
    e.baseVolume = c[7]![i]!;
    e.quoteVolume = c[8]![i]!;
    e.tsEvent = this.evCol[i]!;
    e.tsRecv = this.tsCol[i]!;
    e.seq = this.seqCol[i]!;
    return e;
  }
}

export class MiniTickerCursor extends ChunkCursor {
  private cols: Float64Array[] = [];
  private readonly ev: Mutable<MiniTickerEvent> = {
    type: 'mini_ticker', symbol: '', price: 0, rate: 0, zonedRate: 0, high: 0, low: 0, quoteVolume: 0, baseVolume: 0, tsEvent: 0, tsRecv: 0, seq: 0,
  };
  protected override readonly schema = arrowSchema([...HEAD, ...f64s('price', 'rate', 'zoned_rate', 'high', 'low', 'quote_volume', 'base_volume')]);

  protected bind(batch: RecordBatch): void {
    this.cols = [4, 5, 6, 7, 8, 9, 10].map((c) => f64Of(batch, c));
  }

  current(): SniperEvent {
    const i = this.i;
    const e = this.ev;
    const c = this.cols;
    e.symbol = this.symbols[this.symCol[i]!]!;
    e.price = c[0]![i]!;
    e.rate = c[1]![i]!;
    e.zonedRate = c[2]![i]!;
    e.high = c[3]![i]!;
    e.low = c[4]![i]!;
    e.quoteVolume = c[5]![i]!;
    e.baseVolume = c[6]![i]!;
    e.tsEvent = this.evCol[i]!;
    e.tsRecv = this.tsCol[i]!;
    e.seq = this.seqCol[i]!;
    return e;
  }
}
