import { AppError, FieldError, invalidFields } from '../common/errors';
import { isUuid } from '../common/ids';
import { isHttpUrl } from '../common/validation';

export const BLOCK_TYPES = ['text', 'heading', 'list', 'task', 'link', 'page_link'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** Longest text run, as Notion's rich-text limit. */
export const MAX_TEXT_LENGTH = 2000;
export const MAX_LIST_ITEMS = 500;
export const MAX_URL_LENGTH = 2048;
/** Largest serialized content or properties object of one block. */
export const MAX_OBJECT_BYTES = 64 * 1024;

export type BlockContent =
  | { text: string }
  | { text: string; level: 1 | 2 | 3 }
  | { items: string[]; listType: 'bullet' | 'numbered' }
  | { text: string; checked: boolean }
  | { url: string; text?: string }
  | { linkedPageId: string; displayText?: string };

const SHAPES: Record<BlockType, { required: string[]; optional: string[] }> = {
  text: { required: ['text'], optional: [] },
  heading: { required: ['text', 'level'], optional: [] },
  list: { required: ['items', 'listType'], optional: [] },
  task: { required: ['text', 'checked'], optional: [] },
  link: { required: ['url'], optional: ['text'] },
  page_link: { required: ['linkedPageId'], optional: ['displayText'] },
};

const invalid = (errors: FieldError[]): AppError => invalidFields(errors);

function checkText(errors: FieldError[], field: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string') errors.push({ field, message: `${field} must be a string` });
  else if (value.length > MAX_TEXT_LENGTH) {
    errors.push({ field, message: `${field} must be at most ${MAX_TEXT_LENGTH} characters` });
  }
}

/**
 * Checks `content` against the shape of `type` and returns a clean copy holding exactly the
 * known fields. Throws VALIDATION_FAILED naming every offending field (as `content.<name>`).
 */
export function validateContent(type: BlockType, content: unknown): BlockContent {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    throw invalid([{ field: 'content', message: 'content must be an object' }]);
  }
  const c = content as Record<string, unknown>;
  const shape = SHAPES[type];
  const errors: FieldError[] = [];
  for (const key of Object.keys(c)) {
    if (!shape.required.includes(key) && !shape.optional.includes(key)) {
      errors.push({ field: `content.${key}`, message: `content.${key} is not a field of a ${type} block` });
    }
  }
  for (const key of shape.required) {
    if (c[key] === undefined)
      errors.push({ field: `content.${key}`, message: `content.${key} is required for a ${type} block` });
  }
  if (errors.length) throw invalid(errors);

  switch (type) {
    case 'text':
      checkText(errors, 'content.text', c.text, true);
      break;
    case 'heading':
      checkText(errors, 'content.text', c.text, true);
      if (c.level !== 1 && c.level !== 2 && c.level !== 3) {
        errors.push({ field: 'content.level', message: 'content.level must be 1, 2 or 3' });
      }
      break;
    case 'list':
      if (!Array.isArray(c.items))
        errors.push({ field: 'content.items', message: 'content.items must be an array of strings' });
      else if (c.items.length > MAX_LIST_ITEMS) {
        errors.push({ field: 'content.items', message: `content.items must have at most ${MAX_LIST_ITEMS} entries` });
      } else c.items.forEach((item, i) => checkText(errors, `content.items[${i}]`, item, true));
      if (c.listType !== 'bullet' && c.listType !== 'numbered') {
        errors.push({ field: 'content.listType', message: 'content.listType must be bullet or numbered' });
      }
      break;
    case 'task':
      checkText(errors, 'content.text', c.text, true);
      if (typeof c.checked !== 'boolean')
        errors.push({ field: 'content.checked', message: 'content.checked must be a boolean' });
      break;
    case 'link':
      if (typeof c.url !== 'string' || c.url.length > MAX_URL_LENGTH || !isHttpUrl(c.url)) {
        errors.push({ field: 'content.url', message: 'content.url must be an http or https URL' });
      }
      checkText(errors, 'content.text', c.text, false);
      break;
    case 'page_link':
      if (!isUuid(c.linkedPageId))
        errors.push({ field: 'content.linkedPageId', message: 'content.linkedPageId must be a page id (UUID)' });
      checkText(errors, 'content.displayText', c.displayText, false);
      break;
  }
  if (errors.length) throw invalid(errors);
  const clean: Record<string, unknown> = {};
  for (const key of [...shape.required, ...shape.optional]) if (c[key] !== undefined) clean[key] = c[key];
  if (type === 'page_link') clean.linkedPageId = (clean.linkedPageId as string).toLowerCase();
  return clean as BlockContent;
}

/** The words of a block, as search and link previews see them. */
export function searchableText(type: BlockType, content: Record<string, unknown>): string {
  switch (type) {
    case 'list':
      return ((content.items as string[] | undefined) ?? []).join('\n');
    case 'link':
      return [content.text, content.url].filter((v) => typeof v === 'string' && v).join(' ');
    case 'page_link':
      return typeof content.displayText === 'string' ? content.displayText : '';
    case 'text':
    case 'heading':
    case 'task':
      return typeof content.text === 'string' ? content.text : '';
  }
}

/**
 * Converts content to another type so that the words survive: text, heading and task keep
 * `text`; a list joins its items into lines and lines split into items; a link's URL becomes
 * the text; a page link keeps its display text. Throws when the target needs what the source
 * lacks (a URL, a page id).
 */
export function convertContent(from: BlockType, to: BlockType, content: Record<string, unknown>): BlockContent {
  if (from === to) return validateContent(to, content);
  const text = searchableText(from, from === 'link' ? { url: content.url } : content).slice(0, MAX_TEXT_LENGTH);
  switch (to) {
    case 'text':
      return { text };
    case 'heading':
      return { text, level: 1 };
    case 'task':
      return { text, checked: false };
    case 'list': {
      const items = text.split('\n').filter((line, i, all) => line.length > 0 || all.length === 1);
      return { items: items.slice(0, MAX_LIST_ITEMS), listType: 'bullet' };
    }
    case 'link': {
      const url = text.trim();
      if (!isHttpUrl(url)) {
        throw new AppError('INVALID_CONVERSION', 'Only a block whose text is an http(s) URL can become a link block.');
      }
      return { url };
    }
    case 'page_link': {
      const id = text.trim();
      if (!isUuid(id)) {
        throw new AppError('INVALID_CONVERSION', 'Only a block whose text is a page id can become a page_link block.');
      }
      return { linkedPageId: id.toLowerCase() };
    }
  }
}
