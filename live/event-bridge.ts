/**
 * The bridge between ingest and the runner: ingest's rows (its RowSink contract) come in, every
 * row is recorded, and each row of a table the runner acts on is restamped and handed on as an
 * event. Restamping makes the live order the replay order:
 *
 * - `seq` becomes one counter over the whole session (ingest numbers per connection), and
 * - `ts_recv` is never earlier than anything the runner has already done (the previous event,
 *   or a tick that ran timers and venue deliveries up to the wall clock).
 *
 * A lake replay sorts by (ts_recv, seq) and runs everything due before each event first, which
 * is then exactly what happened live. Raw frames and mini tickers are recorded only; any other
 * table (listings, written when a recorder stops) is not part of a live session's recording.
 */
import type { SniperEvent } from '../core/events.ts';
import type { RowSink } from '../ingest/event-rows.ts';
import type { TableName } from '../lake/schema.ts';
import type { RowOf } from '../lake/table-batch.ts';
import { isActedTable, rowToEvent } from './row-events.ts';

const RECORD_ONLY: ReadonlySet<TableName> = new Set(['raw_frames', 'mini_tickers']);

export class EventBridge implements RowSink {
  private floor = 0;
  private seq = 0;
  private closed = false;
  events = 0;
  dropped = 0;
  /** Rows that arrived after the session stopped (a frame or poll answer in flight at the stop). */
  late = 0;

  constructor(private readonly recording: RowSink, private readonly deliver: (e: SniperEvent) => void) {}

  /** The runner has run everything up to `us`: later events get a ts_recv at or after it. */
  raiseFloor(us: number): number {
    if (us > this.floor) this.floor = us;
    return this.floor;
  }

  get floorUs(): number {
    return this.floor;
  }

  /** The session stopped: rows still in flight are counted and dropped, never recorded or acted on. */
  close(): void {
    this.closed = true;
  }

  append<T extends TableName>(table: T, row: RowOf<T>): void {
    if (this.closed) {
      this.late++;
    } else if (isActedTable(table)) {
      const timed = row as RowOf<T> & { ts_recv: number; seq: number };
      const tsRecv = this.raiseFloor(timed.ts_recv);
      const stamped = { ...timed, ts_recv: tsRecv, seq: ++this.seq };
      this.recording.append(table, stamped as RowOf<T>);
      this.events++;
      this.deliver(rowToEvent(table, stamped as never));
    } else if (RECORD_ONLY.has(table)) {
      this.recording.append(table, row);
    } else {
      this.dropped++;
    }
  }
}
