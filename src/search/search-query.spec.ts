import { describe, expect, it } from 'vitest';
import { buildTextQuery, highlightWords, normalizeWord, quoteLexeme } from './search-query';

describe('search query', () => {
  it('quotes every lexeme, so that no character of user input is an operator', () => {
    expect(quoteLexeme(`it's`)).toBe(`'it''s'`);
    expect(quoteLexeme('a\\b')).toBe(`'a\\\\b'`);
    expect(quoteLexeme(`&|!():*`)).toBe(`'&|!():*'`);
  });

  it('makes each word match its stems, any word it begins and its corrections; all words must match', () => {
    const query = buildTextQuery([
      { word: 'deploying', stems: ['deploy'], corrections: [] },
      { word: 'bugdet', stems: ['bugdet'], corrections: ['budget'] },
    ]);
    expect(query?.match).toBe(`('deploying':* | 'deploy') & ('bugdet':* | 'budget')`);
    expect(query?.forms).toEqual(['deploying', 'deploy', 'bugdet', 'budget']);
  });

  it('leaves stop words out unless nothing else is left, and nothing at all is null', () => {
    const the = { word: 'the', stems: [], corrections: [] };
    expect(buildTextQuery([the, { word: 'plan', stems: ['plan'], corrections: [] }])?.match).toBe(`'plan':*`);
    expect(buildTextQuery([the])?.match).toBe(`'the':*`);
    expect(buildTextQuery([])).toBeNull();
  });

  it('highlights the block’s own words that begin with a form, accents and case aside', () => {
    expect(highlightWords('Crème brûlée, Ørsted and CREMES', ['creme', 'brulee', 'orsted'])).toEqual([
      'Crème',
      'brûlée',
      'Ørsted',
      'CREMES',
    ]);
    expect(highlightWords('We are deploying; deployment deploying', ['deploy'])).toEqual(['deploying', 'deployment']);
    expect(highlightWords('nothing here', ['zebra'])).toEqual([]);
    expect(normalizeWord('Straße')).toBe('strasse');
  });
});
