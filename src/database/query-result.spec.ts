import { describe, expect, it } from 'vitest';
import { returnedRows } from './query-result';

describe('returnedRows', () => {
  it('unwraps the [rows, rowCount] answer of an UPDATE or DELETE', () => {
    expect(returnedRows([[{ id: 'a' }], 1])).toEqual([{ id: 'a' }]);
    expect(returnedRows([[], 0])).toEqual([]);
  });

  it('passes plain rows through', () => {
    expect(returnedRows([{ id: 'a' }, { id: 'b' }])).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(returnedRows([])).toEqual([]);
  });
});
