/**
 * What the caller may ask of POST /api/v3/order (and /order/test), validated before anything is
 * signed or sent. There is no timeInForce: IOC, FOK and post-only are order types. Quantities and
 * prices are decimal strings, so the caller controls precision and nothing is reformatted.
 */
import { z } from 'zod';
import { MEXC_ORDER_SIDES, MEXC_STP_MODES } from './types-trading.ts';
import type { Params } from './sign.ts';

const decimal = z.string().regex(/^(?:\d+\.?\d*|\.\d+)$/, 'a positive decimal string such as "0.001"')
  .refine((s) => Number(s) > 0, 'must be greater than zero');

const common = {
  symbol: z.string().regex(/^[A-Z0-9]{2,40}$/, 'an upper-case MEXC symbol such as "BTCUSDT"'),
  side: z.enum(MEXC_ORDER_SIDES),
  newClientOrderId: z.string().min(1).max(64).optional(),
  stpMode: z.enum(MEXC_STP_MODES).optional(),
};

const priced = (type: 'LIMIT' | 'LIMIT_MAKER' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL') =>
  z.object({ ...common, type: z.literal(type), quantity: decimal, price: decimal }).strict();

/** MARKET takes a base `quantity` or a quote `quoteOrderQty` (spend), never both. */
const market = z.object({
  ...common,
  type: z.literal('MARKET'),
  quantity: decimal.optional(),
  quoteOrderQty: decimal.optional(),
}).strict().refine((o) => (o.quantity === undefined) !== (o.quoteOrderQty === undefined), {
  message: 'a MARKET order needs exactly one of quantity and quoteOrderQty',
});

export const mexcOrderRequestSchema = z.union([
  priced('LIMIT'), priced('LIMIT_MAKER'), priced('IMMEDIATE_OR_CANCEL'), priced('FILL_OR_KILL'), market,
]);
export type MexcOrderRequest = z.input<typeof mexcOrderRequestSchema>;

/** Parameters in the order the API documents them. */
export function orderParams(order: z.output<typeof mexcOrderRequestSchema>): Params {
  return {
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    quoteOrderQty: 'quoteOrderQty' in order ? order.quoteOrderQty : undefined,
    price: 'price' in order ? order.price : undefined,
    newClientOrderId: order.newClientOrderId,
    stpMode: order.stpMode,
  };
}

/** Identify one order: by exchange id or by client id (at least one). */
export const mexcOrderRefSchema = z.object({
  symbol: common.symbol,
  orderId: z.string().min(1).optional(),
  origClientOrderId: z.string().min(1).optional(),
}).strict().refine((r) => r.orderId !== undefined || r.origClientOrderId !== undefined, {
  message: "orderId or origClientOrderId must be given",
});
export type MexcOrderRef = z.input<typeof mexcOrderRefSchema>;
