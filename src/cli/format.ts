import Table from 'cli-table3';

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

/** Key/value lines of one resource. */
export function details(entries: Array<[string, unknown]>): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(width)}  ${show(v)}`).join('\n');
}

export function cut(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

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
      lines.push(`${prefix}${last ? '└── ' : '├── '}${node.label}`);
      walk(node.children, `${prefix}${last ? '    ' : '│   '}`);
    });
  };
  for (const root of roots) {
    lines.push(root.label);
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

/** The text a block shows, whatever its type. */
export function blockText(block: { block_type: string; content: Record<string, unknown> }): string {
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
