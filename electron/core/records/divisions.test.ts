import { describe, expect, it } from 'vitest';
import { compareDivisions } from './divisions';

describe('compareDivisions', () => {
  it('orders collège classes from 6e to 3e, letters then numbers naturally', () => {
    const names = ['3E', '4A', '6B', '5C', '6A', '6A10', '6A2', '3A'];
    expect(names.sort(compareDivisions)).toEqual(['6A', '6A2', '6A10', '6B', '5C', '4A', '3A', '3E']);
  });

  it('orders primary and lycée levels as pupils go through them', () => {
    const names = ['CM2', 'CE1', 'CP', 'GS', 'CM1', 'CE2', 'PS', 'MS', 'TG1', '1ERE2', '2NDE3', 'ULIS'];
    expect(names.sort(compareDivisions)).toEqual([
      'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', '2NDE3', '1ERE2', 'TG1', 'ULIS',
    ]);
  });
});
