/**
 * The website endpoints listing snipers poll (mexc-api.md §7): the new-coin calendar and the
 * symbolsV2 list keyed by quote currency, with each listing's status tuple (sts, st, tt) as its
 * walk stands at the request time.
 */
import type { Exchange, SymbolView } from '../exchange.ts';
import { statusAt } from '../../market/listing-plan.ts';
import { ok, type RestAnswer, type RestRequest } from './request.ts';

type Handler = (ex: Exchange, r: RestRequest, now: number) => RestAnswer;

/** Listings stay in the calendar for a week after they open. */
const CALENDAR_KEEP_MS = 7 * 86_400_000;

function symbolsV2Entry(ex: Exchange, v: SymbolView, now: number, i: number): Record<string, unknown> {
  const plan = v.plan;
  const seq = ex.scenario.listings.statusSequence;
  const tuple = plan !== undefined ? statusAt(plan, now)! : seq[seq.length - 1]!.tuple;
  return {
    cd: ex.coinId(v.base), mcd: ex.coinId('USDT'), vn: v.base, fn: plan?.vcoinNameFull ?? v.base, fne: plan?.vcoinNameFull ?? v.base,
    srt: i + 1, sts: tuple[0], tp: 'SPOT', in: `https://public.mocortech.com/coin/${v.base}.png`,
    ot: plan?.scheduledOpen ?? ex.market.startTime - 365 * 86_400_000, cp: [], ci: [],
    ps: v.market.priceScale, qs: v.market.quantityScale, cdm: 1, st: tuple[1], dst: 1, tt: tuple[2], ca: plan?.contractAddress ?? '',
  };
}

export const LISTING_ROUTES: Readonly<Record<string, { weight: number; handler: Handler }>> = {
  'GET /api/operation/new_coin_calendar': {
    weight: 1,
    handler: (ex, _r, now) => ok({
      code: 0,
      msg: 'success',
      data: {
        newCoins: ex.market.listings
          .filter((p) => now >= p.createdAt && now < p.scheduledOpen + CALENDAR_KEEP_MS)
          .map((p) => ({
            vcoinId: p.vcoinId, vcoinName: p.vcoinName, vcoinNameFull: p.vcoinNameFull, firstOpenTime: p.scheduledOpen,
            zone: p.zone, introductionEn: p.introductionEn, introductionCn: p.introductionEn,
          })),
      },
    }),
  },
  'GET /api/platform/spot/market-v2/web/symbolsV2': {
    weight: 1,
    handler: (ex, _r, now) => ok({
      code: 0,
      msg: 'success',
      data: { symbols: { USDT: ex.views(now).map((v, i) => symbolsV2Entry(ex, v, now, i)) } },
    }),
  },
};
