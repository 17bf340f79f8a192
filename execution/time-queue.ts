/** A min-heap of items keyed by (atUs, insertion order): ties leave in the order they came. */
export class TimeQueue<T> {
  private readonly items: { atUs: number; n: number; value: T }[] = [];
  private count = 0;

  get size(): number {
    return this.items.length;
  }

  peekUs(): number {
    return this.items.length > 0 ? this.items[0]!.atUs : Infinity;
  }

  push(atUs: number, value: T): void {
    const h = this.items;
    h.push({ atUs, n: ++this.count, value });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): { atUs: number; value: T } | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return { atUs: top.atUs, value: top.value };
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.atUs < y.atUs || (x.atUs === y.atUs && x.n < y.n);
  }
}
