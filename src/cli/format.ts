import Table from 'cli-table3';

/* eslint-disable no-control-regex */
/** C0 controls, DEL and C1 controls: what a terminal acts on (ESC starts CSI/OSC sequences, 0x9b is CSI itself). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** The same without the newline, for text whose lines are meant. */
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** The same without newline and tab, for a whole document. */
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

const escapeControl = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * Server data made harmless for a terminal: a tab becomes a space, every other control
 * character a visible `\x1b`-style escape, so that a title cannot recolor the screen, forge a
 * hyperlink, move the cursor or clear lines. Newlines are kept only with `keepNewlines`.
 * Under --json nothing passes here: JSON.stringify escapes control characters itself.
 */
export function safeText(text: string, keepNewlines = false): string {
  return text.replace(/\t/g, ' ').replace(keepNewlines ? CONTROLS_BUT_NEWLINE : CONTROLS, escapeControl);
}

/** A document (exported Markdown) for a terminal: its lines and tabs kept, other controls escaped. */
export function safeDocument(text: string): string {
  return text.replace(CONTROLS_BUT_LAYOUT, escapeControl);
}

/** A table for people; long cells are cut so that a row stays on one line. */
export function table(head: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string {
  if (rows.length === 0) return '(none)';
  // No rule between rows: one line per resource reads (and greps) better.
  const t = new Table({
    head,
    style: { head: [], border: [] },
    wordWrap: false,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) t.push(row.map((cell) => cut(cell === null || cell === undefined ? '' : String(cell), 60)));
  return t.toString();
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : (JSON.stringify(v) ?? '');

/** Key/value lines of one resource; the lines of a multi-line value are indented under its first. */
export function details(entries: Array<[string, unknown]>): string {
  const rows = entries.map(([k, v]) => [safeText(k), safeText(show(v).replace(/\r\n/g, '\n'), true)] as const);
  const width = Math.max(...rows.map(([k]) => k.length));
  const indent = ' '.repeat(width + 2);
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v.split('\n').join(`\n${indent}`)}`).join('\n');
}

/** One line of at most `max` characters: whitespace runs become one space, control characters escapes. */
export function cut(text: string, max: number): string {
  const line = safeText(text.replace(/\s+/g, ' '));
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** One line of any length (tree labels, block text): line breaks become spaces, control characters escapes. */
const oneLine = (text: string): string => safeText(text.replace(/[\r\n\u2028\u2029]+/g, ' '));

export interface TreeNode {
  label: string;
  children: TreeNode[];
}

/** A tree drawn with box characters, like `tree(1)`. */
export function drawTree(roots: TreeNode[]): string {
  if (roots.length === 0) return '(no pages)';
  const lines: string[] = [];
  const walk = (nodes: TreeNode[], prefix: string): void => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${oneLine(node.label)}`);
      walk(node.children, `${prefix}${last ? '    ' : '│   '}`);
    });
  };
  for (const root of roots) {
    lines.push(oneLine(root.label));
    walk(root.children, '');
  }
  return lines.join('\n');
}

/** "29m", "2h 5m", "expired 3m ago": how long a token has left. */
export function timeLeft(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const text = h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
  return seconds < 0 ? `expired ${text} ago` : text;
}

/** The text a block shows, whatever its type, on one line and with control characters escaped. */
export function blockText(block: { block_type: string; content: Record<string, unknown> }): string {
  return oneLine(rawBlockText(block));
}

function rawBlockText(block: { block_type: string; content: Record<string, unknown> }): string {
  const c = block.content;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  switch (block.block_type) {
    case 'heading':
      return `${'#'.repeat(Number(c.level) || 1)} ${str(c.text)}`;
    case 'task':
      return `[${c.checked === true ? 'x' : ' '}] ${str(c.text)}`;
    case 'list':
      return Array.isArray(c.items) ? c.items.map((item) => `• ${String(item)}`).join(' ') : '';
    case 'link':
      return c.text ? `${str(c.text)} <${str(c.url)}>` : str(c.url);
    case 'page_link':
      return `→ ${str(c.displayText) || str(c.linkedPageId)}`;
    default:
      return str(c.text);
  }
}
