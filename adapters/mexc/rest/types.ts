/**
 * Every MEXC REST wire type (zod schema + inferred `Mexc*` type), in one import:
 * market data (types-market.ts), trading and account (types-trading.ts), the unofficial web
 * endpoints (types-web.ts) and the value primitives they share (wire-primitives.ts).
 * The exchange simulator builds its answers to these schemas; the client validates against them.
 */
export * from './wire-primitives.ts';
export * from './types-market.ts';
export * from './types-trading.ts';
export * from './types-web.ts';
