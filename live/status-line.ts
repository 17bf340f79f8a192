/**
 * The live status line on stderr: rewritten in place every second on a terminal, one line every
 * 10 s otherwise. It says what a person watching needs: mode, connections and whether any are
 * down, events acted on, listings and the next open, orders and fills, equity, and trouble
 * (reconnects, book gaps, a runner failure).
 */
import type { LiveRun } from './live-run.ts';

export class LiveStatusLine {
  private timer: ReturnType<typeof setInterval> | undefined;
  private ticks = 0;
  private readonly tty: boolean;

  constructor(private readonly run: LiveRun, private readonly out: NodeJS.WritableStream) {
    this.tty = (out as { isTTY?: boolean }).isTTY === true;
  }

  start(): void {
    this.timer = setInterval(() => this.print(), 1000);
  }

  line(): string {
    const r = this.run;
    const nowUs = r.clock.nowUs();
    const p = r.feed.stats();
    const k = r.journal.byKind;
    const el = Math.round((nowUs - r.startedUs) / 1e6);
    const nowMs = nowUs / 1000;
    const next = r.feed.discovery.book.rows(nowUs, 'status')
      .filter((l) => l.scheduled_open !== null && l.scheduled_open > nowMs - 60_000)
      .sort((a, b) => a.scheduled_open! - b.scheduled_open!)[0];
    const nextText = next === undefined ? '' : ` (next ${next.symbol} ${next.scheduled_open! > nowMs ? `in ${Math.round((next.scheduled_open! - nowMs) / 1000)}s` : 'open'})`;
    const conns = p.down > 0 ? `conns ${p.connections} (${p.down} chans DOWN, reconnecting)` : `conns ${p.connections}`;
    const pending = r.real?.venue.pending().length ?? 0;
    const fail = r.driver.failure === undefined ? '' : ` | RUNNER STOPPED: ${r.driver.failure.message}`;
    return `live ${r.o.mode} ${r.o.venueName} | ${Math.floor(el / 60)}:${String(el % 60).padStart(2, '0')} | ${conns} | events ${r.bridge.events.toLocaleString('en-US')}`
      + ` | listings ${r.feed.discovery.book.size}${nextText} | orders ${k.get('place_order') ?? 0} refused ${k.get('refused') ?? 0} fills ${k.get('fill') ?? 0}`
      + `${pending > 0 ? ` pending ${pending}` : ''} | positions ${r.engine.runner.portfolio.openPositionCount()} | equity ${r.engine.equity().toFixed(2)}`
      + ` | reconnects ${p.reconnects} gaps ${r.feed.frames.counters.versionGaps}${fail}`;
  }

  private print(): void {
    this.ticks++;
    if (this.tty) this.out.write(`\r\x1b[2K${this.line()}`);
    else if (this.ticks % 10 === 0) this.out.write(`${this.line()}\n`);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.tty) this.out.write('\n');
  }
}
