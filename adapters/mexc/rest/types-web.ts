/**
 * Wire types of the two unofficial website endpoints listing snipers read (mexc-api.md §7).
 * Their shape is known only from third-party code, so the schemas require just what every client
 * reads and let everything else pass through unchanged. Codes (sts, st, tt) stay raw numbers.
 */
import { z } from 'zod';
import { wireInt } from './wire-primitives.ts';

/** An id the site sends as a string (sometimes a number in mocks): kept as received. */
const wireId = z.union([z.string().min(1), z.number()]);

/** One entry of `data.newCoins` of `GET /api/operation/new_coin_calendar?timestamp=<ms>`. */
export const mexcCalendarCoinSchema = z.looseObject({
  vcoinId: wireId,
  /** Base asset ticker (the pair is usually `<vcoinName>USDT`). */
  vcoinName: z.string().min(1),
  vcoinNameFull: z.string().nullable().optional(),
  /** Scheduled trading start, epoch ms. */
  firstOpenTime: wireInt,
  zone: z.string().nullable().optional(),
  introductionEn: z.string().nullable().optional(),
  introductionCn: z.string().nullable().optional(),
});
export type MexcCalendarCoin = z.infer<typeof mexcCalendarCoinSchema>;

/** `GET /api/operation/new_coin_calendar`: only `data.newCoins` is known; code/msg may exist. */
export const mexcCalendarSchema = z.looseObject({
  code: wireInt.optional(),
  msg: z.string().nullable().optional(),
  data: z.looseObject({ newCoins: z.array(mexcCalendarCoinSchema) }),
});
export type MexcCalendar = z.infer<typeof mexcCalendarSchema>;

/** A numeric status code; accepted as a number or an integer string and kept raw. */
const wireCode = z.union([z.number(), z.string()]);

/**
 * One entry of symbolsV2 (`data.symbols.<QUOTE>[]`). Key expansions come from a third-party
 * client's rename map; the meanings of sts/st/tt are undocumented.
 */
export const mexcSymbolV2EntrySchema = z.looseObject({
  /** coinId: base coin id (whether it equals calendar vcoinId is unverified). */
  cd: wireId,
  /** marketCurrencyId: quote coin id. */
  mcd: wireId.optional(),
  /** Base coin ticker, e.g. "XTER" (→ XTERUSDT in the USDT list). */
  vn: z.string().min(1),
  /** Full name. */
  fn: z.string().nullable().optional(),
  fne: z.string().nullable().optional(),
  srt: wireCode.nullable().optional(),
  /** "status": numeric code, meaning undocumented. */
  sts: wireCode.nullable().optional(),
  /** "spotEnabled": numeric code. */
  st: wireCode.nullable().optional(),
  /** "tradingType": numeric code. */
  tt: wireCode.nullable().optional(),
  tp: z.unknown().optional(),
  in: z.unknown().optional(),
  /** Opening time, probably epoch ms. */
  ot: wireInt.nullable().optional(),
  cp: z.unknown().optional(),
  ci: z.unknown().optional(),
  /** Price decimal places. */
  ps: wireCode.nullable().optional(),
  /** Quantity decimal places. */
  qs: wireCode.nullable().optional(),
  cdm: z.unknown().optional(),
  dst: z.unknown().optional(),
  /** Token contract address (a string). */
  ca: z.string().nullable().optional(),
});
export type MexcSymbolV2Entry = z.infer<typeof mexcSymbolV2EntrySchema>;

/** `GET /api/platform/spot/market-v2/web/symbolsV2`: `data.symbols` is keyed by quote currency. */
export const mexcSymbolsV2Schema = z.looseObject({
  code: wireInt.optional(),
  msg: z.string().nullable().optional(),
  data: z.looseObject({ symbols: z.record(z.string(), z.array(mexcSymbolV2EntrySchema)) }),
});
export type MexcSymbolsV2 = z.infer<typeof mexcSymbolsV2Schema>;
