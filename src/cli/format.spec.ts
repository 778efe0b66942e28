import { describe, expect, it } from 'vitest';
import { blockText, cut, details, drawTree, table } from './format';

/** ESC, BEL, CSI and every other C0/C1 control but the newline: what a terminal would act on. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const EVIL = 'evil\u001b[31mRED\u001b]8;;http://evil\u0007link\u009b2J\r\u0000end';

describe('human-readable output of server strings', () => {
  it('shows control characters in table cells as visible escapes', () => {
    const out = table(['id', 'title'], [['p1', EVIL]]);
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('evil\\x1b[31mRED\\x1b]8;;http://evil\\x07link\\x9b2J');
    expect(out.split('\n')).toHaveLength(4);
  });

  it('cuts and escapes: no control character survives cut()', () => {
    expect(cut(EVIL, 200)).not.toMatch(CONTROL);
    expect(cut('a\tb\nc', 10)).toBe('a b c');
  });

  it('escapes keys and values of details(), and indents a multi-line value instead of breaking the layout', () => {
    const out = details([
      ['title', EVIL],
      ['metadata', { note: '\u001b[2J' }],
      ['body', 'first\nsecond'],
    ]);
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('title     evil\\x1b[31m');
    expect(out.split('\n')).toEqual([
      expect.stringMatching(/^title/),
      expect.stringMatching(/^metadata/),
      'body      first',
      '          second',
    ]);
  });

  it('escapes the labels of the tree, one line per node', () => {
    const out = drawTree([{ label: EVIL, children: [{ label: 'child\nforged line\u001b[1A', children: [] }] }]);
    expect(out).not.toMatch(CONTROL);
    expect(out.split('\n')).toHaveLength(2);
  });

  it('escapes the text of a block', () => {
    expect(blockText({ block_type: 'text', content: { text: EVIL } })).not.toMatch(CONTROL);
    expect(blockText({ block_type: 'list', content: { items: ['\u001b[31mx', 'y'] } })).toBe('• \\x1b[31mx • y');
  });
});
