// The emails an import has seen so far, to report duplicates within the file (§5.1), in bounded
// memory: a million emails as JavaScript strings in a Set cost about 100 MB; as 64-bit hashes in
// an open-addressing table, 16 MB. Two different emails share a hash with probability about
// n² / 2^65 (3 in 100 million for a million-record file): that is the only way a record could be
// reported as a duplicate wrongly.
export class EmailSet {
  #high = new Uint32Array(1 << 16);
  #low = new Uint32Array(1 << 16);
  #used = new Uint8Array(1 << 16);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds the email; true when it was already there. */
  addAndCheck(email: string): boolean {
    const [high, low] = hash64(email);
    if (this.#size * 2 >= this.#used.length) this.#grow();
    return this.#insert(high, low);
  }

  #insert(high: number, low: number): boolean {
    const mask = this.#used.length - 1;
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    while (this.#used[slot]) {
      if (this.#high[slot] === high && this.#low[slot] === low) return true;
      slot = (slot + 1) & mask;
    }
    this.#used[slot] = 1;
    this.#high[slot] = high;
    this.#low[slot] = low;
    this.#size++;
    return false;
  }

  #grow(): void {
    const [high, low, used] = [this.#high, this.#low, this.#used];
    const capacity = used.length * 2;
    this.#high = new Uint32Array(capacity);
    this.#low = new Uint32Array(capacity);
    this.#used = new Uint8Array(capacity);
    this.#size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.#insert(high[i]!, low[i]!);
  }
}

/** Two independent 32-bit string hashes (FNV-1a and a murmur-style mix) as one 64-bit value. */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2545f491 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}
