/**
 * The one error catalogue: every error a client can see has a machine code, a status and a
 * default human sentence. Services throw `AppError`s; the global filter renders them.
 */
export const ERRORS = {
  // 400
  VALIDATION_FAILED: { status: 400, detail: 'The request is invalid.' },
  INVALID_TEXT: {
    status: 400,
    detail: 'The request holds text that cannot be stored (a NUL character or an unpaired surrogate).',
  },
  INVALID_JSON: { status: 400, detail: 'The request body is not valid JSON.' },
  BODY_TOO_DEEP: { status: 400, detail: 'The request body is nested too deeply.' },
  FORBIDDEN_KEY: { status: 400, detail: 'The request body contains a reserved key.' },
  EMPTY_UPDATE: { status: 400, detail: 'The update contains no field to change.' },
  CIRCULAR_REFERENCE: { status: 400, detail: 'The change would create a cycle.' },
  BAD_REQUEST: { status: 400, detail: 'The request cannot be processed.' },
  WEAK_PASSWORD: { status: 400, detail: 'The password does not meet the password policy.' },
  INVALID_ONE_TIME_TOKEN: { status: 400, detail: 'The token is invalid, expired or already used.' },
  INVALID_CONVERSION: { status: 400, detail: 'The block cannot be converted to that type.' },
  INVALID_MOVE: { status: 400, detail: 'The block cannot be moved there.' },
  SEMANTIC_SEARCH_UNAVAILABLE: {
    status: 400,
    detail:
      'Semantic search needs an embeddings provider: set EMBEDDINGS_URL and EMBEDDINGS_MODEL (any OpenAI-compatible ' +
      '/embeddings endpoint) or EMBEDDINGS_MODEL_PATH, or search with search_type=metadata or hybrid.',
  },
  UNKNOWN_EVENT_ID: {
    status: 400,
    detail: 'The event id is not one of this organization’s: it is past its last event.',
  },
  WEBHOOK_TARGET_FORBIDDEN: {
    status: 400,
    detail:
      'The webhook URL must be https (http only in development) and its host must resolve to public addresses only: ' +
      'loopback, private, link-local, CGNAT and metadata addresses are refused.',
  },
  INVALID_PREFLIGHT: {
    status: 400,
    detail: 'An OPTIONS request is a CORS preflight and needs Origin and Access-Control-Request-Method headers.',
  },
  // 401
  UNAUTHENTICATED: { status: 401, detail: 'A valid credential is required.' },
  INVALID_TOKEN: { status: 401, detail: 'The credential is invalid.' },
  TOKEN_EXPIRED: { status: 401, detail: 'The credential has expired.' },
  TOKEN_REVOKED: { status: 401, detail: 'The credential has been revoked.' },
  INVALID_CREDENTIALS: { status: 401, detail: 'The email or password is incorrect.' },
  INVALID_REFRESH_TOKEN: { status: 401, detail: 'The refresh token is invalid or expired.' },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    detail: 'The refresh token was already used; the session has been revoked. Sign in again.',
  },
  // 403
  FORBIDDEN: { status: 403, detail: 'The credential does not grant this action.' },
  NO_ORGANIZATION: { status: 403, detail: 'The credential does not name an organization.' },
  ADMIN_REQUIRED: { status: 403, detail: 'This action needs the ADMIN role.' },
  ORGANIZATION_MISMATCH: { status: 403, detail: 'The organization_id does not match the caller’s organization.' },
  // 404
  NOT_FOUND: { status: 404, detail: 'The resource was not found.' },
  ROUTE_NOT_FOUND: { status: 404, detail: 'No route matches this method and path.' },
  PAGE_NOT_FOUND: { status: 404, detail: 'Page not found.' },
  PARENT_PAGE_NOT_FOUND: { status: 404, detail: 'Parent page not found.' },
  BLOCK_NOT_FOUND: { status: 404, detail: 'Block not found.' },
  PARENT_BLOCK_NOT_FOUND: { status: 404, detail: 'Parent block not found on this page.' },
  LINKED_PAGE_NOT_FOUND: { status: 404, detail: 'The linked page was not found.' },
  LINK_NOT_FOUND: { status: 404, detail: 'Link not found.' },
  LINK_TARGET_NOT_FOUND: { status: 404, detail: 'The link target (page or block) was not found.' },
  USER_NOT_FOUND: { status: 404, detail: 'User not found.' },
  API_KEY_NOT_FOUND: { status: 404, detail: 'API key not found.' },
  TAG_NOT_FOUND: { status: 404, detail: 'Tag not found.' },
  WEBHOOK_NOT_FOUND: { status: 404, detail: 'Webhook not found.' },
  TAG_NOT_ASSIGNED: { status: 404, detail: 'The tag is not assigned to this block.' },
  // 405, 409, 410, 413, 415
  METHOD_NOT_ALLOWED: { status: 405, detail: 'The method is not allowed on this path.' },
  CONFLICT: { status: 409, detail: 'The change conflicts with the current state.' },
  NOT_ARCHIVED: { status: 409, detail: 'Only an archived page can be deleted permanently; archive it first.' },
  PAGE_ARCHIVED: { status: 409, detail: 'The page is archived; restore it first.' },
  STALE_VERSION: {
    status: 409,
    detail: 'The resource changed since it was read (If-Match does not match); read it again.',
  },
  EMAIL_TAKEN: { status: 409, detail: 'An account with this email already exists.' },
  DUPLICATE_TAG: { status: 409, detail: 'A tag with this name already exists in the organization.' },
  TAG_ALREADY_ASSIGNED: { status: 409, detail: 'The tag is already assigned to this block.' },
  TOO_MANY_WEBHOOKS: { status: 409, detail: 'The organization has as many webhooks as it may (25); delete one first.' },
  DUPLICATE_LINK: { status: 409, detail: 'The same link (source, target, type) already exists.' },
  PAYLOAD_TOO_LARGE: { status: 413, detail: 'The request body is too large.' },
  EVENTS_EXPIRED: {
    status: 410,
    detail:
      'Events after this id are past the retention period and were deleted; read the resources again and resume ' +
      'from the newest event.',
  },
  IMPORT_TOO_LARGE: { status: 413, detail: 'The document holds more blocks than one import creates.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, detail: 'The request body must be application/json.' },
  ACCOUNT_LOCKED: { status: 423, detail: 'Too many failed sign-ins; the account is locked for a while.' },
  // 429, 5xx
  RATE_LIMITED: { status: 429, detail: 'Too many requests; retry later.' },
  TOO_MANY_STREAMS: {
    status: 429,
    detail: 'The organization has as many open event streams as it may; close one, or poll GET /events.',
  },
  INTERNAL_ERROR: { status: 500, detail: 'An unexpected error occurred; it has been logged.' },
  DATABASE_UNAVAILABLE: { status: 503, detail: 'The database is unreachable; retry shortly.' },
  NOT_READY: { status: 503, detail: 'A dependency is not ready.' },
  AUTH_UNAVAILABLE: { status: 503, detail: 'The authentication service is unreachable; retry shortly.' },
  WEBHOOKS_UNAVAILABLE: {
    status: 503,
    detail:
      'Webhooks need WEBHOOK_SECRET_KEY (at least 32 random bytes, the same on every instance) to keep their secrets.',
  },
  EMBEDDINGS_UNAVAILABLE: {
    status: 503,
    detail: 'The embeddings provider is unreachable; retry shortly, or search with search_type=metadata or hybrid.',
  },
} as const satisfies Record<string, { status: number; detail: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  field: string;
  message: string;
}

let savedStackTraceLimit = Error.stackTraceLimit;

/** The message of an AppError about to be built; for a 4xx, no stack is captured (see AppError). */
function withoutStackFor4xx(code: ErrorCode, message: string): string {
  savedStackTraceLimit = Error.stackTraceLimit;
  if (ERRORS[code].status < 500) Error.stackTraceLimit = 0;
  return message;
}

export class AppError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    // An answer to the client, not a fault: a 4xx has no stack worth its cost (capturing one was
    // a tenth of a cheap 404's CPU). A 5xx keeps it, for the log.
    super(withoutStackFor4xx(code, detail ?? ERRORS[code].detail));
    Error.stackTraceLimit = savedStackTraceLimit;
    this.name = 'AppError';
    this.status = ERRORS[code].status;
    this.headers = headers;
  }
}

/** An invalid request naming each field: the one place a field error's detail is worded. */
export const invalidFields = (errors: FieldError[], code: ErrorCode = 'VALIDATION_FAILED'): AppError =>
  new AppError(code, `The request is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);

export const invalidField = (field: string, message: string): AppError => invalidFields([{ field, message }]);

/** The body of every error answer. */
export interface ErrorBody {
  detail: string;
  error_code: string;
  errors?: FieldError[];
}
