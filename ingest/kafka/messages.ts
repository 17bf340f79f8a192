/**
 * How lake rows travel through Kafka. One topic per table, `<prefix>.<table>` (default prefix
 * `sniper`), keyed by symbol so one symbol's rows stay in one partition, in order.
 *
 * - `<prefix>.raw_frames`: the value is the frame's exact bytes; ts_recv, seq, conn_id, channel,
 *   kind and symbol travel as headers.
 * - every other table: the value is the row as JSON with the lake's column names.
 *
 * Decoding validates with zod (a Kafka message is external input) and never throws.
 */
import { rowSchema } from '../../lake/row-schema.ts';
import { TABLE_NAMES, type TableName } from '../../lake/schema.ts';
import type { RowOf } from '../../lake/table-batch.ts';
import { err, ok, type Result } from '../../core/result.ts';

export const DEFAULT_TOPIC_PREFIX = 'sniper';

export function topicOf(prefix: string, table: TableName): string {
  return `${prefix}.${table}`;
}

export function tableOfTopic(prefix: string, topic: string): TableName | undefined {
  if (!topic.startsWith(`${prefix}.`)) return undefined;
  const t = topic.slice(prefix.length + 1);
  return (TABLE_NAMES as string[]).includes(t) ? (t as TableName) : undefined;
}

export interface OutMessage {
  readonly key: string;
  readonly value: Buffer | string;
  readonly headers?: Record<string, string>;
}

export function rowToMessage<T extends TableName>(table: T, row: RowOf<T>): OutMessage {
  if (table === 'raw_frames') {
    const r = row as unknown as RowOf<'raw_frames'>;
    const headers: Record<string, string> = {
      ts_recv: String(r.ts_recv), seq: String(r.seq), conn_id: r.conn_id, channel: r.channel, kind: r.kind,
    };
    if (r.symbol !== null) headers.symbol = r.symbol;
    return { key: r.symbol ?? r.channel, value: Buffer.from(r.frame.buffer, r.frame.byteOffset, r.frame.byteLength), headers };
  }
  const r = row as unknown as { symbol: string };
  return { key: r.symbol, value: JSON.stringify(row, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)) };
}

export interface InMessage {
  readonly value: Buffer | null;
  readonly headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

function header(m: InMessage, name: string): string | undefined {
  const h = m.headers?.[name];
  if (h === undefined) return undefined;
  const one = Array.isArray(h) ? h[0] : h;
  return one === undefined ? undefined : one.toString();
}

export function messageToRow(table: TableName, m: InMessage): Result<RowOf<TableName>, string> {
  if (m.value === null) return err('message has no value');
  let candidate: unknown;
  if (table === 'raw_frames') {
    const num = (name: string) => {
      const v = header(m, name);
      return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : v;
    };
    candidate = {
      ts_recv: num('ts_recv'), seq: num('seq'), conn_id: header(m, 'conn_id'), channel: header(m, 'channel'),
      kind: header(m, 'kind'), symbol: header(m, 'symbol') ?? null, frame: new Uint8Array(m.value),
    };
  } else {
    try {
      candidate = JSON.parse(m.value.toString('utf8'));
    } catch {
      return err('value is not JSON');
    }
  }
  const parsed = rowSchema(table).safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err(`${issue.path.join('.') || 'row'}: ${issue.message}`);
  }
  return ok(parsed.data as RowOf<TableName>);
}
