/**
 * `sniper decode`: frames on stdin (one per line, hex or base64) → one JSON line per input line.
 * --raw: the wrapper with the .proto field names; default: the normalized events of the frame,
 * as a JSON array. Text frames (JSON control messages) are passed through parsed. A bad line
 * gives {"line": N, "error": {"code", "message"}} and decoding goes on; the exit code is 0
 * unless reading stdin fails.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { DecodeError } from '../../core/errors.ts';
import { frameFromText } from '../../adapters/mexc/frame-text.ts';
import { decodeFrame, frameToRawJson } from '../../adapters/mexc/proto/codec.ts';
import { normalizeToArray } from '../../adapters/mexc/normalize.ts';
import { parseControlReply } from '../../adapters/mexc/control.ts';
import { defineCommand } from '../command.ts';

export function decodeLine(text: string, lineNo: number, format: 'hex' | 'base64', raw: boolean, tradeTypeSide: 'taker' | 'maker'): string {
  try {
    const bytes = frameFromText(text, format);
    if (bytes[0] === 0x7b) {
      const json = new TextDecoder().decode(bytes);
      if (raw) {
        try {
          return JSON.stringify(JSON.parse(json));
        } catch (cause) {
          throw new DecodeError('bad_json', 'text frame is not valid JSON', { cause });
        }
      }
      const reply = parseControlReply(json);
      if (!reply.ok) throw reply.error;
      return JSON.stringify([{ type: 'control', ...reply.value }]);
    }
    const frame = decodeFrame(bytes);
    if (raw) return JSON.stringify(frameToRawJson(frame));
    const venueMs = frame.sendTime ?? frame.createTime ?? 0;
    return JSON.stringify(normalizeToArray(frame, { tsRecv: venueMs * 1000, seq: lineNo }, { tradeTypeSide }));
  } catch (e) {
    const error = e instanceof DecodeError ? e : new DecodeError('malformed', (e as Error).message);
    return JSON.stringify({ line: lineNo, error: { code: error.code, message: error.message } });
  }
}

export const decodeCommand = defineCommand({
  name: 'decode',
  summary: 'decode raw MEXC frames from stdin into JSON lines',
  help: `usage: sniper decode [--format hex|base64] [--raw] [--trade-type-side taker|maker] < frames.txt

Reads one frame per line from stdin and writes one JSON line per input line.
  --format F             hex (default) or base64
  --raw                  the protobuf wrapper with .proto field names (int64 as numbers,
                         decimals as strings, the body under its oneof name)
  (default)              the normalized events of the frame, as a JSON array; tsRecv is the
                         frame's sendTime in µs and seq the line number, so output is reproducible
  --trade-type-side S    what public tradeType means: taker (default) or maker
A bad line yields {"line": N, "error": {"code": "...", "message": "..."}} and decoding goes on.

example: echo 0a2873706f74... | sniper decode --raw`,
  options: {
    format: { type: 'string', default: 'hex' },
    raw: { type: 'boolean', default: false },
    'trade-type-side': { type: 'string', default: 'taker' },
  },
  schema: z.object({
    format: z.enum(['hex', 'base64']),
    raw: z.boolean(),
    'trade-type-side': z.enum(['taker', 'maker']),
    positionals: z.array(z.string()).max(0, 'decode takes no positional arguments'),
  }),
  async run(args, io) {
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    let pending: string[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const chunk = `${pending.join('\n')}\n`;
      pending = [];
      if (!io.stdout.write(chunk)) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
    };
    try {
      for await (const line of rl) {
        lineNo++;
        pending.push(decodeLine(line, lineNo, args.format, args.raw, args['trade-type-side']));
        if (pending.length >= 256) await flush();
      }
    } catch (e) {
      await flush();
      io.stderr.write(`sniper decode: reading stdin failed: ${(e as Error).message}\n`);
      return 1;
    }
    await flush();
    return 0;
  },
});
