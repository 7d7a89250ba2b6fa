import { describe, expect, it } from 'vitest';

import { formatAsn1 } from './asn1';

describe('formatAsn1', () => {
  it('aligns offsets and lengths and indents by depth', () => {
    const text = formatAsn1([
      { depth: 0, offset: 0, length: 1015, tag: 'SEQUENCE', value: null },
      { depth: 1, offset: 4, length: 735, tag: 'SEQUENCE', value: null },
      { depth: 3, offset: 10, length: 1, tag: 'INTEGER', value: '02' },
    ]);
    expect(text.split('\n')).toEqual([
      ' 0 1015  SEQUENCE',
      ' 4  735    SEQUENCE',
      '10    1        INTEGER 02',
    ]);
  });

  it('is empty for no lines', () => {
    expect(formatAsn1([])).toBe('');
  });
});
