/**
 * The recorder's live status line (stderr) and its final summary. On a terminal the line is
 * rewritten in place every second; otherwise a line is printed every 10 s.
 */
import type { Recorder } from './recorder.ts';

export class StatusLine {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastFrames = 0;
  private lastAt = performance.now();
  private readonly startedAt = performance.now();
  private readonly tty: boolean;
  private ticks = 0;

  constructor(private readonly recorder: Recorder, private readonly out: NodeJS.WritableStream) {
    this.tty = (out as { isTTY?: boolean }).isTTY === true;
  }

  start(): void {
    this.timer = setInterval(() => this.print(), 1000);
  }

  line(): string {
    const p = this.recorder.pool.stats();
    const c = this.recorder.frames.counters;
    const now = performance.now();
    const rate = ((c.frames - this.lastFrames) * 1000) / Math.max(1, now - this.lastAt);
    this.lastFrames = c.frames;
    this.lastAt = now;
    const lake = this.recorder.lake?.stats() ?? {};
    const rows = Object.values(lake).reduce((s, t) => s + t.rowsAppended, 0);
    const failing = Object.entries(lake).filter(([, t]) => t.failing !== undefined).map(([n]) => n);
    const k = this.recorder.kafka?.stats();
    const kafka = k === undefined ? '' : k.down ? ` | KAFKA DOWN (${k.buffered} buffered, ${k.dropped} dropped)` : ` | kafka ${k.sent.toLocaleString('en-US')} sent`;
    const lat = Number.isNaN(p.latencyMs) ? '-' : `${Math.round(p.latencyMs)}ms`;
    return `conns ${p.connections} | chans ${p.subscribed}/${p.channels}${p.down ? ` (${p.down} down)` : ''} | ${Math.round(rate).toLocaleString('en-US')} msg/s | rows ${rows.toLocaleString('en-US')}`
      + ` | gaps ${c.versionGaps} book, ${p.reconnects} reconnects, ${c.malformed} malformed | latency ${lat}`
      + `${this.recorder.discovery ? ` | listings ${this.recorder.discovery.book.size}` : ''}${kafka}${failing.length ? ` | LAKE FAILING: ${failing.join(',')}` : ''}`;
  }

  private print(): void {
    const text = this.line();
    if (this.tty) this.out.write(`\r\x1b[2K${text}`);
    else if (this.ticks++ % 10 === 0) this.out.write(`${text}\n`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty) this.out.write('\n');
  }

  elapsedS(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}

export function formatSummary(recorder: Recorder, elapsedS: number): string {
  const p = recorder.pool.stats();
  const c = recorder.frames.counters;
  const lines = [
    `recorded ${elapsedS.toFixed(1)} s: ${c.frames.toLocaleString('en-US')} frames (${(c.bytes / 1e6).toFixed(1)} MB), ${c.malformed} malformed,`
      + ` ${p.reconnects} reconnects, ${p.rotations} rotations, ${c.versionGaps} book resyncs, ${recorder.snapshots} depth snapshots`,
  ];
  for (const [table, t] of Object.entries(recorder.lake?.stats() ?? {})) {
    lines.push(`  ${table.padEnd(14)} ${t.rowsInParquet.toLocaleString('en-US').padStart(12)} rows in ${t.files} files${t.droppedRows ? `, ${t.droppedRows} DROPPED` : ''}${t.failing ? `, FAILING: ${t.failing}` : ''}`);
  }
  const k = recorder.kafka?.stats();
  if (k !== undefined) lines.push(`  kafka: ${k.sent.toLocaleString('en-US')} messages sent, ${k.dropped} dropped${k.down ? ', DOWN at exit' : ''}`);
  return `${lines.join('\n')}\n`;
}
