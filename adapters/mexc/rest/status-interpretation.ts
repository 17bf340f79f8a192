/**
 * What the web codes might mean, as configuration. Nothing here is verified (mexc-api.md §7.2,
 * §9 items 6–7): the "ready" pattern sts=2, st=2, tt=4 comes from one AI-generated sniper, and
 * whether calendar vcoinId equals symbolsV2 cd is inferred from naming. Events keep the raw codes;
 * these helpers apply whatever rule the configuration names, so the pipeline can test the rule
 * against recorded outcomes instead of trusting it.
 */
import { z } from 'zod';
import type { StatusEvent } from '../../../core/events.ts';
import type { MexcCalendarCoin, MexcSymbolsV2, MexcSymbolV2Entry } from './types-web.ts';

const codePattern = z.object({
  sts: z.number().int().optional(),
  st: z.number().int().optional(),
  tt: z.number().int().optional(),
}).strict();
export type CodePattern = z.infer<typeof codePattern>;

export const statusInterpretationSchema = z.object({
  /** Code tuple taken to mean "about to open / tradable"; null = make no such claim. */
  readyPattern: codePattern.nullable().default({ sts: 2, st: 2, tt: 4 }),
  /** How to match a calendar coin to its symbolsV2 entry: by coin id (vcoinId == cd) or by ticker (vcoinName == vn). */
  calendarJoin: z.enum(['coin_id', 'ticker', 'coin_id_then_ticker']).default('coin_id_then_ticker'),
}).strict();
export type StatusInterpretation = z.output<typeof statusInterpretationSchema>;

export const DEFAULT_STATUS_INTERPRETATION: StatusInterpretation = Object.freeze(statusInterpretationSchema.parse({}));

/** Does an observation match a code pattern? Fields absent from the pattern are not checked. */
export function matchesPattern(event: Pick<StatusEvent, 'sts' | 'st' | 'tt'>, pattern: CodePattern): boolean {
  return (pattern.sts === undefined || event.sts === pattern.sts)
    && (pattern.st === undefined || event.st === pattern.st)
    && (pattern.tt === undefined || event.tt === pattern.tt);
}

/** The configured "ready" reading of a symbolsV2 observation: undefined when no rule is configured. */
export function looksReady(event: StatusEvent, interpretation: StatusInterpretation = DEFAULT_STATUS_INTERPRETATION): boolean | undefined {
  if (interpretation.readyPattern === null || event.source !== 'symbols_v2') return undefined;
  return matchesPattern(event, interpretation.readyPattern);
}

/** Find a calendar coin's symbolsV2 entry (and the quote list it sits in) by the configured rule. */
export function findSymbolV2(
  coin: MexcCalendarCoin, answer: MexcSymbolsV2, interpretation: StatusInterpretation = DEFAULT_STATUS_INTERPRETATION,
): { entry: MexcSymbolV2Entry; quote: string } | undefined {
  const byId = (): { entry: MexcSymbolV2Entry; quote: string } | undefined => search((e) => String(e.cd) === String(coin.vcoinId));
  const byTicker = (): { entry: MexcSymbolV2Entry; quote: string } | undefined => search((e) => e.vn === coin.vcoinName);
  function search(match: (e: MexcSymbolV2Entry) => boolean): { entry: MexcSymbolV2Entry; quote: string } | undefined {
    for (const [quote, entries] of Object.entries(answer.data.symbols)) {
      const entry = entries.find(match);
      if (entry !== undefined) return { entry, quote };
    }
    return undefined;
  }
  switch (interpretation.calendarJoin) {
    case 'coin_id': return byId();
    case 'ticker': return byTicker();
    case 'coin_id_then_ticker': return byId() ?? byTicker();
  }
}
