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
  /** Every form as a prefix, OR'd: what ts_headline marks in the block's own text. */
  highlight: string;
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
  const highlights = new Set<string>();
  for (const w of kept) {
    const forms = new Set<string>([`${quoteLexeme(w.word)}:*`]);
    for (const stem of w.stems) forms.add(quoteLexeme(stem));
    for (const correction of w.corrections) forms.add(quoteLexeme(correction));
    terms.push(forms.size === 1 ? [...forms][0] : `(${[...forms].join(' | ')})`);
    for (const form of [w.word, ...w.stems, ...w.corrections]) highlights.add(`${quoteLexeme(form)}:*`);
  }
  return { match: [...new Set(terms)].join(' & '), highlight: [...highlights].join(' | ') };
}

/** Marks ts_headline puts around a match when only the matched words are wanted. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** The distinct matched words of a text marked with MARK_START … MARK_END, in order. */
export function markedWords(marked: string | null): string[] {
  if (!marked) return [];
  const words = new Set<string>();
  const pattern = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g');
  for (const m of marked.matchAll(pattern)) if (m[1]) words.add(m[1]);
  return [...words];
}
