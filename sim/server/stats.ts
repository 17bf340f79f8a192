/** What the sim sent and did, for GET /_sim/stats. */
export interface OrderRecord {
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly receivedAt: number;
  status: string;
  readonly orderId?: string;
  readonly code?: number;
  readonly price?: string;
  readonly quantity?: string;
  readonly quoteOrderQty?: string;
  executedQty?: string;
  cummulativeQuoteQty?: string;
}

export class SimStats {
  readonly sent = new Map<string, number>();
  readonly faults = new Map<string, number>();
  readonly orders: OrderRecord[] = [];
  readonly orderById = new Map<string, OrderRecord>();
  /** Last publish time (wall ms) per channel, for the no-data rule. */
  readonly lastPublishAt = new Map<string, number>();

  addOrder(rec: OrderRecord): void {
    this.orders.push(rec);
    if (rec.orderId !== undefined) this.orderById.set(rec.orderId, rec);
  }

  countSent(channel: string, now: number): void {
    this.sent.set(channel, (this.sent.get(channel) ?? 0) + 1);
    this.lastPublishAt.set(channel, now);
  }

  countFault(name: string): void {
    this.faults.set(name, (this.faults.get(name) ?? 0) + 1);
  }
}
