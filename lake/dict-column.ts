/**
 * A dictionary-encoded string column: distinct values plus one code per row (and an optional
 * null mask). Producers that already know their strings' codes (the write-ahead log) hand these
 * to the Parquet writer, which stores them as a DuckDB ENUM without looking at a string again.
 * It has a `length`, and `at(i)` reads one value.
 */
export class DictColumn {
  constructor(readonly dictionary: readonly string[], readonly codes: Uint16Array, readonly nulls?: Uint8Array) {
    if (dictionary.length > 65_535) throw new RangeError('a dictionary holds at most 65535 values');
  }

  get length(): number {
    return this.codes.length;
  }

  at(i: number): string | null {
    if (i < 0 || i >= this.codes.length) return null;
    if (this.nulls !== undefined && this.nulls[i] === 1) return null;
    return this.dictionary[this.codes[i]!]!;
  }
}
