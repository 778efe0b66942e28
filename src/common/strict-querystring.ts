/**
 * Query strings and form bodies, decoded without losing anything silently. Common decoders
 * turn percent-escapes that are not UTF-8 (`%ED%A0%80`, an encoded lone surrogate, or `%C0%80`,
 * an overlong NUL) into U+FFFD, which makes different inputs equal — two passwords, say. Here
 * such a component decodes to an unpaired surrogate instead, which the input check refuses with
 * 400 INVALID_TEXT naming the field. A `%` that starts no escape stays a literal `%`.
 */
const UNDECODABLE = '\ud800';
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/g;

function decode(component: string): string {
  const text = component.includes('+') ? component.replace(/\+/g, ' ') : component;
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text.replace(STRAY_PERCENT, '%25'));
  } catch {
    return UNDECODABLE;
  }
}

export function parseQueryString(input: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const pair of input.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const current = out[key];
    if (current === undefined) out[key] = value;
    else if (Array.isArray(current)) current.push(value);
    else out[key] = [current, value];
  }
  return out;
}
