/**
 * What the database made of one word of `q` (see SearchRepository.analyse): the word as the
 * index keeps whole words (accents stripped, lower case), its lexemes in the search language
 * (stems; none for a stop word), and the organization's words it is probably a misspelling of.
 */
export interface AnalysedWord {
  word: string;
  stems: string[];
  corrections: string[];
}

export interface TextQuery {
  /** The tsquery a block's document must match: every word, each as any of its forms. */
  match: string;
  /** Every form (accent-free, lower case): a word of a block that begins with one matched. */
  forms: string[];
}

/** A lexeme as a tsquery operand: quoted, so that no character of user input is an operator. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The full-text query for the analysed words of `q`, or null when nothing is left to search
 * for (`q` held only punctuation). Each word matches its stems, any word it is a prefix of
 * (search as you type) or one of its corrections; all words must match. Stop words ("the",
 * "of") are left out, unless `q` holds nothing else.
 */
export function buildTextQuery(words: AnalysedWord[]): TextQuery | null {
  const meaningful = words.filter((w) => w.stems.length > 0);
  const kept = meaningful.length > 0 ? meaningful : words;
  if (kept.length === 0) return null;
  const terms: string[] = [];
  for (const w of kept) {
    // A stem or correction the word begins is matched by its prefix already; as an operand of
    // its own it would only cost ts_rank another pass over each match (a third of its time).
    const forms = new Set<string>([`${quoteLexeme(w.word)}:*`]);
    for (const form of [...w.stems, ...w.corrections]) if (!form.startsWith(w.word)) forms.add(quoteLexeme(form));
    terms.push(forms.size === 1 ? [...forms][0] : `(${[...forms].join(' | ')})`);
  }
  const forms = [...new Set(kept.flatMap((w) => [w.word, ...w.stems, ...w.corrections]))];
  return { match: [...new Set(terms)].join(' & '), forms };
}

/** Letters unaccent maps that Unicode decomposition does not. */
const UNACCENT_EXTRA: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th' };

const NON_ASCII = /[^ -~]/;

/** A word as the index keeps it whole: lower case, accents stripped (as the unaccent dictionary). */
export function normalizeWord(word: string): string {
  // ASCII alone has no accents: most words of most text skip the decomposition.
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßłđðþ]/g, (c) => UNACCENT_EXTRA[c]);
}

/** A word of a block's text, as the highlights and snippets see it. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** How many words a snippet shows, and how many of them come before its first match. */
export const SNIPPET_WORDS = 24;
const SNIPPET_LEAD = 6;

export interface Excerpt {
  /** The words of the text, as they stand in it, that begin with one of the query's forms. */
  highlights: string[];
  /** Up to SNIPPET_WORDS words around the first match, the matches marked `**like this**`. */
  snippet: string;
}

/**
 * What a result shows of `text` for a query's forms: the same rule as the search's prefix
 * matching (a word counts when, accents and case aside, it begins with a form), computed here
 * rather than by ts_headline in the statement, which cost the database 1.6 ms for 20 results.
 * Without a match (a page-title or a semantic match), the snippet is the text's first words.
 */
export function excerpt(text: string, forms: string[]): Excerpt {
  const words = [...text.matchAll(WORD)];
  const matched = words.map(([word]) => {
    if (forms.length === 0) return false;
    const normal = normalizeWord(word);
    return forms.some((f) => normal.startsWith(f));
  });
  const highlights = [...new Set(words.filter((_, i) => matched[i]).map(([word]) => word))];
  if (words.length === 0) return { highlights, snippet: '' };
  const first = Math.max(0, matched.indexOf(true));
  const end = Math.min(words.length, Math.max(0, first - SNIPPET_LEAD) + SNIPPET_WORDS);
  const start = Math.max(0, end - SNIPPET_WORDS);
  let snippet = '';
  for (let i = start; i < end; i++) {
    const [word] = words[i];
    if (i > start) snippet += text.slice(words[i - 1].index + words[i - 1][0].length, words[i].index);
    snippet += matched[i] ? `**${word}**` : word;
  }
  return { highlights, snippet: snippet.replace(/\s+/g, ' ') };
}
