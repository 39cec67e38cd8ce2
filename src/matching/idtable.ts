// id -> slot map in one Uint32Array (linear probing, any capacity). Entries hold only the slot; the id is
// slotId[slot], so the table costs 4 bytes x capacity and a JS Map (16.7 M entry cap) is avoided.
// Only a slot's primary id is stored here; extra ids of duplicate codes live in a Map.

const EMPTY = 0xffffffff;
const MAX_LOAD = 0.7;

export function idHash(id: number): number {
  const lo = id >>> 0,
    hi = (id / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

export function idTableCapacity(count: number): number {
  return Math.max(16, Math.ceil((count + 1) / MAX_LOAD));
}

/** Map a 32-bit hash onto [0, cap) without a power-of-two capacity (exact in doubles). */
function home(h: number, cap: number): number {
  return Math.floor(((h >>> 16) * cap + Math.floor(((h & 0xffff) * cap) / 65536)) / 65536);
}

export class IdTable {
  table: Uint32Array;
  count = 0;

  constructor(capacityOrTable: number | Uint32Array, count = 0) {
    if (typeof capacityOrTable === 'number') {
      this.table = new Uint32Array(idTableCapacity(capacityOrTable)).fill(EMPTY);
    } else {
      this.table = capacityOrTable;
      this.count = count;
    }
  }

  /**
   * Table over slots 0..n-1 (skipping dead slots, id 0). Probes compare against a temporary
   * copy of the ids laid out like the table, instead of a random slotId read per probe.
   * Returns the first duplicated id instead of a table if there is one.
   */
  static bulk(slotId: Float64Array, n: number): IdTable | number {
    let live = 0;
    for (let s = 0; s < n; s++) if (slotId[s] !== 0) live++;
    const tab = new IdTable(live),
      t = tab.table,
      cap = t.length;
    const keys = new Float64Array(cap);
    for (let s = 0; s < n; s++) {
      const id = slotId[s];
      if (id === 0) continue;
      let p = home(idHash(id), cap);
      for (; t[p] !== EMPTY; p = p + 1 === cap ? 0 : p + 1) if (keys[p] === id) return id;
      t[p] = s;
      keys[p] = id;
    }
    tab.count = live;
    return tab;
  }

  find(id: number, slotId: Float64Array): number {
    const t = this.table,
      cap = t.length;
    for (let p = home(idHash(id), cap); ; p = p + 1 === cap ? 0 : p + 1) {
      const s = t[p];
      if (s === EMPTY) return -1;
      if (slotId[s] === id) return s;
    }
  }

  /** Insert (slotId[slot] must already be id). Returns false if id is already present. */
  insert(id: number, slot: number, slotId: Float64Array): boolean {
    if (this.count + 1 > this.table.length * MAX_LOAD) this.grow(slotId);
    const t = this.table,
      cap = t.length;
    let p = home(idHash(id), cap);
    for (; t[p] !== EMPTY; p = p + 1 === cap ? 0 : p + 1) if (t[p] !== slot && slotId[t[p]] === id) return false;
    t[p] = slot;
    this.count++;
    return true;
  }

  /** Remove id (backward-shift deletion, no tombstones). Call before changing slotId[slot]. */
  delete(id: number, slotId: Float64Array): boolean {
    const t = this.table,
      cap = t.length;
    let i = home(idHash(id), cap);
    for (; ; i = i + 1 === cap ? 0 : i + 1) {
      const s = t[i];
      if (s === EMPTY) return false;
      if (slotId[s] === id) break;
    }
    for (let j = i + 1 === cap ? 0 : i + 1; t[j] !== EMPTY; j = j + 1 === cap ? 0 : j + 1) {
      const k = home(idHash(slotId[t[j]]), cap);
      // Move t[j] back to the hole unless its home lies cyclically in (i, j].
      if (i <= j ? k <= i || k > j : k <= i && k > j) {
        t[i] = t[j];
        i = j;
      }
    }
    t[i] = EMPTY;
    this.count--;
    return true;
  }

  private grow(slotId: Float64Array): void {
    const old = this.table;
    this.table = new Uint32Array(Math.ceil(old.length * 1.6)).fill(EMPTY);
    this.count = 0;
    for (let p = 0; p < old.length; p++) if (old[p] !== EMPTY) this.insert(slotId[old[p]], old[p], slotId);
  }
}
