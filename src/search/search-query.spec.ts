import { describe, expect, it } from 'vitest';
import { buildTextQuery, excerpt, normalizeWord, quoteLexeme, SNIPPET_WORDS } from './search-query';

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
    const highlights = (text: string, forms: string[]): string[] => excerpt(text, forms).highlights;
    expect(highlights('Crème brûlée, Ørsted and CREMES', ['creme', 'brulee', 'orsted'])).toEqual([
      'Crème',
      'brûlée',
      'Ørsted',
      'CREMES',
    ]);
    expect(highlights('We are deploying; deployment deploying', ['deploy'])).toEqual(['deploying', 'deployment']);
    expect(highlights('nothing here', ['zebra'])).toEqual([]);
    expect(normalizeWord('Straße')).toBe('strasse');
  });

  it('cuts the snippet around the first match, marks every match in it and keeps the text between words', () => {
    expect(excerpt('Crème brûlée, with fresh raspberries.', ['brulee']).snippet).toBe(
      'Crème **brûlée**, with fresh raspberries',
    );
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    words[30] = 'Budget';
    words[40] = 'budgets';
    const { snippet } = excerpt(words.join('\n'), ['budget']);
    const shown = snippet.split(' ');
    expect(shown).toHaveLength(SNIPPET_WORDS);
    expect(shown[0]).toBe('w24');
    expect(shown.filter((w) => w.startsWith('**'))).toEqual(['**Budget**', '**budgets**']);
    // Near the end, the window takes words from before the match instead.
    expect(excerpt(words.join(' '), ['w59']).snippet.split(' ')).toHaveLength(SNIPPET_WORDS);
    // No match (a page-title or a semantic match): the text's first words, unmarked.
    expect(excerpt(words.join(' '), []).snippet.split(' ')[0]).toBe('w0');
    expect(excerpt('', ['x'])).toEqual({ highlights: [], snippet: '' });
  });
});
