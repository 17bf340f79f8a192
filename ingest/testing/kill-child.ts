/**
 * A recorder stand-in for the kill -9 test: appends trades rows (seq 0, 1, 2, ...) to a lake
 * sink at a steady rate and reports `{"appended": N, "tUs": now}` on stdout every 50 ms until it
 * is killed. Usage: bun ingest/testing/kill-child.ts <lakeDir> <writerId>
 */
import { WallClock } from '../../core/clock.ts';
import { LakeSink } from '../lake-sink.ts';

const [lakeDir, writerId] = process.argv.slice(2);
if (lakeDir === undefined || writerId === undefined) throw new Error('usage: kill-child.ts <lakeDir> <writerId>');
const clock = new WallClock();
const sink = await LakeSink.open({ lakeDir, writerId });
let seq = 0;
setInterval(() => {
  for (let i = 0; i < 200; i++) {
    const ts = clock.nowUs();
    sink.append('trades', {
      ts_event: Math.floor(ts / 1000), ts_recv: ts, seq: seq++, conn_id: 'kill', symbol: 'KILLUSDT',
      price: 1 + seq / 1e6, qty: 1, side: 'buy', trade_time: Math.floor(ts / 1000), trade_id: String(seq),
    });
  }
}, 10);
setInterval(() => {
  process.stdout.write(`${JSON.stringify({ appended: seq, tUs: clock.nowUs() })}\n`);
}, 50);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
