import { describe, expect, it } from 'vitest';
import { consensus } from './consensus.js';

describe('categorisation consensus', () => {
  it('needs two agreeing votes forming a strict majority', () => {
    expect(consensus([])).toBeNull();
    expect(consensus([1])).toBeNull();
    expect(consensus([1, 1])).toBe(1);
    expect(consensus([1, 2])).toBeNull();
    expect(consensus([1, 2, 1])).toBe(1);
    expect(consensus([1, 1, 2, 2])).toBeNull();
    expect(consensus([0, 0, 1, 2, 3])).toBeNull(); // plurality without majority
    expect(consensus([3, 3, 3, 1, 2])).toBe(3);
  });
});
