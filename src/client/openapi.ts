// Generated from the OpenAPI document by `npm run client:generate` (openapi-typescript). Do not edit.
export interface paths {
  '/api/v1/info': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Service name, API version, auth mode and enabled features */
    get: operations['InfoController_info'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers */
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database (and the core auth service, when used) answer; else 503 */
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/pages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List pages in sibling order
     * @description Archived pages and pages under an archived ancestor are hidden unless is_archived=true. Without parent_page_id, pages are grouped by parent (root pages first), each group in position order.
     */
    get: operations['PagesController_list'];
    put?: never;
    /** Create a page, appended last among its siblings */
    post: operations['PagesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/pages/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a page */
    get: operations['PagesController_get'];
    /** Update some fields of a page (an empty body is a 400) */
    put: operations['PagesController_update'];
    post?: never;
    /**
     * Archive a page, or purge an archived one
     * @description Without `permanent`, archives the page (its subtree is hidden with it). With permanent=true, deletes an archived page with its whole subtree in one transaction; a page that is not archived answers 409 NOT_ARCHIVED.
     */
    delete: operations['PagesController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/pages/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Restore an archived page with its subtree
     * @description Restoring a page that is not archived changes nothing. If an ancestor is still archived, the page moves to the root.
     */
    post: operations['PagesController_restore'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/pages/{id}/move': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move a page under another parent (or to the root) and/or to a position
     * @description Moving a page under itself or a descendant answers 400 CIRCULAR_REFERENCE.
     */
    post: operations['PagesController_move'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/pages/{id}/backlinks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Links from blocks that point at this page */
    get: operations['PagesController_backlinks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a page’s blocks in document order (depth-first, siblings by position) */
    get: operations['BlocksController_list'];
    put?: never;
    /** Create a block on a page (absent position: last among its siblings) */
    post: operations['BlocksController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create 1..100 blocks on a page, all or nothing */
    post: operations['BlocksController_createBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a block (with its version as ETag) */
    get: operations['BlocksController_get'];
    /**
     * Update some fields of a block
     * @description With If-Match, the update applies only if the block is still at that version (else 409 STALE_VERSION). A new block_type without content converts the content as /convert does.
     */
    put: operations['BlocksController_update'];
    post?: never;
    /** Delete a block with its child blocks, their links and tag assignments */
    delete: operations['BlocksController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/{id}/move': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move a block to a position, optionally under another block of the same page */
    post: operations['BlocksController_move'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/{id}/convert': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Convert a block to another type (same as POST) */
    put: operations['BlocksController_convertPut'];
    /** Convert a block to another type, keeping its text */
    post: operations['BlocksController_convert'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/{id}/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tags of a block */
    get: operations['BlocksController_tagsOf'];
    put?: never;
    /** Assign a tag to the block (already assigned → 409) */
    post: operations['BlocksController_assignTag'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/{id}/tags/{tagId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a tag from the block (not assigned → 404) */
    delete: operations['BlocksController_removeTag'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/{id}/backlinks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Links from other blocks that point at this block */
    get: operations['BlocksController_backlinks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/pages/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export a page with its blocks, as Markdown or as JSON
     * @description Markdown is CommonMark with GFM task lists: the title as `# Title`; headings `#`..`###`; paragraphs; `-`/`1.` lists; `- [ ]`/`- [x]` tasks; `[text](url)` links; page links as `[[Title]](ocean://page/<id>)`. Child blocks are indented: inside the item of a task or list, and as a block quote after any other block. An empty text block is written as `&nbsp;`. JSON is `{page, blocks}`, the blocks in document order. Export then import gives the same blocks back.
     */
    get: operations['PageTransferController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/pages/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import a Markdown document as a new page with its blocks
     * @description The one route whose body is not JSON: `text/markdown` (UTF-8, at most 1 MiB), read as export writes it. Markdown is CommonMark with GFM task lists: the title as `# Title`; headings `#`..`###`; paragraphs; `-`/`1.` lists; `- [ ]`/`- [x]` tasks; `[text](url)` links; page links as `[[Title]](ocean://page/<id>)`. Child blocks are indented: inside the item of a task or list, and as a block quote after any other block. An empty text block is written as `&nbsp;`. A leading `# heading` is the title (the `title` parameter wins over it). What Markdown has and Ocean has not (tables, images, code, headings past `###`, HTML) becomes text blocks, a link to a page the organization does not have becomes its words; text longer than a block holds is split. At most 5000 blocks (else 413 IMPORT_TOO_LARGE); the page and all its blocks are created in one transaction.
     */
    post: operations['PageTransferController_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List links, optionally from one source block or to one target */
    get: operations['LinksController_list'];
    put?: never;
    /**
     * Link a block to a page or to another block
     * @description Both ends must exist in the caller’s organization (else 404). A block→block link that would close a cycle (including a self-link) answers 400 CIRCULAR_REFERENCE; the same (source, target, type) twice answers 409. A page_link block has its own mention link to the page it names: a manual mention from that block to that page is the same link (409), one made before the block named the page is kept as the block’s, and the block removes it when it stops naming the page. Deleting it by hand lasts until the block’s content next changes.
     */
    post: operations['LinksController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/links/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a link */
    get: operations['LinksController_get'];
    put?: never;
    post?: never;
    /** Delete a link */
    delete: operations['LinksController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the organization’s tags, by name or by usage_count (most used first) */
    get: operations['TagsController_list'];
    put?: never;
    /** Create a tag (name unique in the organization, ignoring case) */
    post: operations['TagsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/tags/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a tag */
    get: operations['TagsController_get'];
    /** Update a tag’s name, color or description */
    put: operations['TagsController_update'];
    post?: never;
    /** Delete a tag and remove it from every block */
    delete: operations['TagsController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search blocks by words and meaning (parameters in the query string)
     * @description Blocks of live pages (archived pages and their subtrees are left out), best first. Each word of q matches its stems in the search language (SEARCH_LANGUAGE), any word it begins, and, when the organization has no such word, its nearest words of the organization; every word must match. Heading text weighs most, then body text, link URL words, and the page title as context. Unknown, foreign or absent page_id and tag ids find nothing.
     */
    get: operations['SearchController_get'];
    put?: never;
    /**
     * Search blocks by words and meaning (parameters in a JSON body)
     * @description Blocks of live pages (archived pages and their subtrees are left out), best first. Each word of q matches its stems in the search language (SEARCH_LANGUAGE), any word it begins, and, when the organization has no such word, its nearest words of the organization; every word must match. Heading text weighs most, then body text, link URL words, and the page title as context. Unknown, foreign or absent page_id and tag ids find nothing.
     */
    post: operations['SearchController_post'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/blocks/{id}/embedding': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The block’s search embedding: its state, model and dimensions, and the text it is built from */
    get: operations['BlockEmbeddingController_embedding'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The organization’s events after an id, oldest first (catch-up and polling)
     * @description Every change of a page, block, link or tag has exactly one event, written in the change’s own transaction. Ids increase within the organization in commit order, so polling with `after=next_after` never misses one.
     */
    get: operations['EventsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/events/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A live stream of the organization’s events (Server-Sent Events)
     * @description `text/event-stream`: each event as `id:` (event_id), `event:` (type), `data:` (the event JSON); a comment heartbeat every 15 s. Last-Event-ID (or `after`) resumes with nothing lost and nothing repeated; without either, the stream starts with the next change. An event committed on any instance reaches every stream within a second. The stream ends with `event: stream.closed` (`data: {reason, last_event_id}`) when its credential is revoked (`revoked`) or expires (`expired`), when its client reads too slowly (`slow_consumer`: more than 1 MiB waiting) or when the instance stops (`shutdown`); resume from last_event_id. At most EVENT_STREAMS_PER_ORG (100) open streams per organization on one instance, the next answers 429.
     */
    get: operations['EventsController_stream'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/events/tickets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A single-use ticket for the stream URL (EventSource cannot send headers)
     * @description GET /events/stream?ticket=… within 60 s, once; the stream it opens belongs to this credential and ends when it is revoked or expires. A read-only credential may take one.
     */
    post: operations['EventsController_ticket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The organization’s webhooks (write scope) */
    get: operations['WebhooksController_list'];
    put?: never;
    /**
     * Register a webhook (the signing secret is in this answer only)
     * @description Every event of the types asked for (all when none) is POSTed to the URL as the event JSON, with headers Ocean-Event-Id, Ocean-Delivery-Id and Ocean-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. A 2xx within 10 s delivers; anything else (a redirect too: none is followed) is retried with exponential backoff and jitter, in order per webhook, for 24 h, after which the webhook is disabled with its reason. At least once: receivers de-duplicate by Ocean-Event-Id. Needs the write scope.
     */
    post: operations['WebhooksController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One webhook (write scope) */
    get: operations['WebhooksController_get'];
    /** Change a webhook’s url, types, description, or pause (enabled: false) and resume it */
    put: operations['WebhooksController_update'];
    post?: never;
    /** Delete a webhook with its delivery log */
    delete: operations['WebhooksController_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The webhook’s delivery log, newest first */
    get: operations['WebhooksController_deliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ocean/webhooks/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue a webhook.test event to the webhook (it shows in the delivery log) */
    post: operations['WebhooksController_test'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account and its organization; a verification token is mailed */
    post: operations['IdentityController_register[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account and its organization; a verification token is mailed */
    post: operations['IdentityController_register[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in; answers an access token and a single-use refresh token
     * @description Unknown email and wrong password answer the same 401. Repeated failures lock the account (423).
     */
    post: operations['IdentityController_login[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in; answers an access token and a single-use refresh token
     * @description Unknown email and wrong password answer the same 401. Repeated failures lock the account (423).
     */
    post: operations['IdentityController_login[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Trade a refresh token for a new pair
     * @description The old refresh token is spent. Presenting a spent token again revokes the whole session (reuse detection).
     */
    post: operations['IdentityController_refresh[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Trade a refresh token for a new pair
     * @description The old refresh token is spent. Presenting a spent token again revokes the whole session (reuse detection).
     */
    post: operations['IdentityController_refresh[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller (access token or API key), with its organization */
    get: operations['IdentityController_me[0]'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller (access token or API key), with its organization */
    get: operations['IdentityController_me[1]'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke this access token and this session (scope=local) or every session of the user (scope=global) */
    post: operations['IdentityController_logout[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke this access token and this session (scope=local) or every session of the user (scope=global) */
    post: operations['IdentityController_logout[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/verify-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an email address with the mailed token */
    post: operations['IdentityController_verifyEmail[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/verify-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an email address with the mailed token */
    post: operations['IdentityController_verifyEmail[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/forgot-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mail a password-reset token; answers 202 whether or not the account exists */
    post: operations['IdentityController_forgotPassword[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/forgot-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mail a password-reset token; answers 202 whether or not the account exists */
    post: operations['IdentityController_forgotPassword[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/reset-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password with a reset token (single use); every session is revoked */
    post: operations['IdentityController_resetPassword[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/reset-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Set a new password with a reset token (single use); every session is revoked */
    post: operations['IdentityController_resetPassword[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/change-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change the password; every session (this one too) is revoked */
    post: operations['IdentityController_changePassword[0]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/change-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change the password; every session (this one too) is revoked */
    post: operations['IdentityController_changePassword[1]'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s API keys (prefixes only) */
    get: operations['ApiKeysController_list'];
    put?: never;
    /** Create an API key bound to the caller’s organization; the key is shown once */
    post: operations['ApiKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke an API key (refused on every instance within a second) */
    delete: operations['ApiKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All users (ADMIN) */
    get: operations['AdminController_users'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a user and revoke their sessions, tokens and API keys (ADMIN) */
    delete: operations['AdminController_deleteUser'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Counts of users, sessions, keys, revocations, pages and blocks (ADMIN) */
    get: operations['AdminController_stats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/cleanup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Purge expired revocations, sessions, tokens and keys (ADMIN) */
    post: operations['AdminController_cleanup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    CreatePageDto: {
      /** @example Product roadmap */
      title: string;
      /** @example 🗺️ */
      icon?: string | null;
      /** @example https://example.com/cover.png */
      cover_image?: string | null;
      /**
       * Format: uuid
       * @description The parent page; absent or null for a root page.
       */
      parent_page_id?: string | null;
      /** @description Free-form JSON object (the whole body is capped at 1 MiB and 32 levels of nesting). */
      metadata?: {
        [key: string]: unknown;
      };
    };
    PageResponseDto: {
      /** Format: uuid */
      page_id: string;
      organization_id: string;
      user_id: string;
      title: string;
      icon: string | null;
      cover_image: string | null;
      /** Format: uuid */
      parent_page_id: string | null;
      /** @description Zero-based rank among siblings in the same archive state. */
      position: number;
      is_archived: boolean;
      is_favorite: boolean;
      /**
       * Format: date-time
       * @example 2026-11-23T12:00:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-11-23T12:00:00.000Z
       */
      updated_at: string;
      metadata: {
        [key: string]: unknown;
      };
    };
    FieldErrorDto: {
      /** @example title */
      field: string;
      /** @example title must be shorter than or equal to 500 characters */
      message: string;
    };
    ErrorResponseDto: {
      /** @example Page not found. */
      detail: string;
      /**
       * @description A stable machine-readable code from the error catalogue.
       * @example PAGE_NOT_FOUND
       */
      error_code: string;
      /** @description Present on VALIDATION_FAILED. */
      errors?: components['schemas']['FieldErrorDto'][];
    };
    PageListResponseDto: {
      pages: components['schemas']['PageResponseDto'][];
      total: number;
      limit: number;
      offset: number;
    };
    UpdatePageDto: {
      title?: string;
      /** @description null clears the icon. */
      icon?: string | null;
      /** @description null clears the cover. */
      cover_image?: string | null;
      is_favorite?: boolean;
      /** @description true archives the page (as DELETE does); false restores it. */
      is_archived?: boolean;
      /** @description Replaces the whole metadata object. */
      metadata?: {
        [key: string]: unknown;
      };
    };
    MovePageDto: {
      /**
       * Format: uuid
       * @description The new parent page, or null to make it a root page.
       */
      new_parent_id: string | null;
      /** @description Zero-based place among the new siblings; absent, or past the end, places the page last. */
      position?: number;
    };
    BacklinkDto: {
      /** Format: uuid */
      link_id: string;
      /** @enum {string} */
      link_type: 'reference' | 'embed' | 'mention';
      /** Format: uuid */
      source_block_id: string;
      /** Format: uuid */
      source_page_id: string;
      source_block_type: string;
      source_content_preview: string;
      /** Format: date-time */
      created_at: string;
    };
    BacklinksResponseDto: {
      backlinks: components['schemas']['BacklinkDto'][];
      total: number;
    };
    CreateBlockDto: {
      /** @enum {string} */
      block_type: 'text' | 'heading' | 'list' | 'task' | 'link' | 'page_link';
      /**
       * @description Per type: text {text}; heading {text, level 1..3}; list {items: string[], listType: bullet|numbered}; task {text, checked}; link {url (http/https), text?}; page_link {linkedPageId, displayText?}. Texts are at most 2000 characters; unknown fields are refused. A page_link block keeps one link (link_type mention, is_page_link true) to its linkedPageId, so the page lists it among its backlinks: made on create, moved when linkedPageId changes, removed when the block becomes another type or is deleted.
       * @example {
       *       "text": "Hello"
       *     }
       */
      content: {
        [key: string]: unknown;
      };
      /** @description Place among siblings (same parent); absent or past the end → last. */
      position?: number;
      /**
       * Format: uuid
       * @description A block of the same page to nest under.
       */
      parent_block_id?: string | null;
      /** @description Free-form object (64 KiB at most). `tags` is managed by the tag routes and ignored here. */
      properties?: {
        [key: string]: unknown;
      };
    };
    BlockResponseDto: {
      /** Format: uuid */
      block_id: string;
      /** Format: uuid */
      page_id: string;
      organization_id: string;
      user_id: string;
      /** @enum {string} */
      block_type: 'text' | 'heading' | 'list' | 'task' | 'link' | 'page_link';
      content: {
        [key: string]: unknown;
      };
      /** @description Zero-based rank among siblings (same page and parent block). */
      position: number;
      /** Format: uuid */
      parent_block_id: string | null;
      /** @description `tags` always lists exactly the ids of the tags assigned to the block. */
      properties: {
        [key: string]: unknown;
      };
      vector_id: string | null;
      vector_dimensions: number | null;
      /** @description Bumped on every write; also sent as the ETag. */
      version: number;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    BatchCreateBlocksDto: {
      blocks: components['schemas']['CreateBlockDto'][];
    };
    BlockBatchResponseDto: {
      blocks: components['schemas']['BlockResponseDto'][];
      total: number;
    };
    BlockListResponseDto: {
      blocks: components['schemas']['BlockResponseDto'][];
      total: number;
      limit: number;
      offset: number;
    };
    UpdateBlockDto: {
      content?: {
        [key: string]: unknown;
      };
      /** @description Replaces the properties (except `tags`). */
      properties?: {
        [key: string]: unknown;
      };
      /** @description New place among the current siblings. */
      position?: number;
      /** @enum {string} */
      block_type?: 'text' | 'heading' | 'list' | 'task' | 'link' | 'page_link';
    };
    MoveBlockDto: {
      /** @description Place among the new siblings; past the end → last. */
      new_position: number;
      /**
       * Format: uuid
       * @description A block of the same page to nest under; null for the top level; absent keeps the current parent.
       */
      parent_block_id?: string | null;
    };
    ConvertBlockDto: {
      /** @enum {string} */
      new_type: 'text' | 'heading' | 'list' | 'task' | 'link' | 'page_link';
    };
    AssignTagDto: {
      /** Format: uuid */
      tag_id: string;
    };
    TagResponseDto: {
      /** Format: uuid */
      tag_id: string;
      organization_id: string;
      name: string;
      color: string | null;
      description: string | null;
      /** @description Number of blocks carrying the tag, counted when read. */
      usage_count: number;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    BlockTagsResponseDto: {
      /** Format: uuid */
      block_id: string;
      tags: components['schemas']['TagResponseDto'][];
      total: number;
    };
    PageExportDto: {
      page: components['schemas']['PageResponseDto'];
      /** @description Every block of the page, in document order. */
      blocks: components['schemas']['BlockResponseDto'][];
    };
    CreateLinkDto: {
      /** Format: uuid */
      source_block_id: string;
      /**
       * Format: uuid
       * @description A page or a block of the same organization.
       */
      target_id: string;
      /**
       * @default reference
       * @enum {string}
       */
      link_type?: 'reference' | 'embed' | 'mention';
      /** @description true: the target is a page; false: a block; absent: whichever exists. */
      is_page_link?: boolean;
    };
    LinkResponseDto: {
      /** Format: uuid */
      link_id: string;
      /** Format: uuid */
      source_block_id: string;
      /** Format: uuid */
      target_id: string;
      /** @enum {string} */
      link_type: 'reference' | 'embed' | 'mention';
      is_page_link: boolean;
      organization_id: string;
      /** Format: date-time */
      created_at: string;
    };
    LinkListResponseDto: {
      links: components['schemas']['LinkResponseDto'][];
      total: number;
      limit: number;
      offset: number;
    };
    CreateTagDto: {
      /** @description Unique in the organization, ignoring case. */
      name: string;
      /**
       * @description color must be #RRGGBB or one of default, gray, brown, orange, yellow, green, blue, purple, pink, red
       * @example #3366FF
       */
      color?: string | null;
      description?: string | null;
    };
    TagListResponseDto: {
      tags: components['schemas']['TagResponseDto'][];
      total: number;
    };
    UpdateTagDto: {
      /** @description Unique in the organization, ignoring case. */
      name?: string;
      /**
       * @description color must be #RRGGBB or one of default, gray, brown, orange, yellow, green, blue, purple, pink, red
       * @example #3366FF
       */
      color?: string | null;
      description?: string | null;
    };
    TagDeletedResponseDto: {
      success: boolean;
      message: string;
      /** Format: uuid */
      tag_id: string;
    };
    SearchResultDto: {
      /** Format: uuid */
      block_id: string;
      /** Format: uuid */
      page_id: string;
      page_title: string;
      /** @enum {string} */
      block_type: 'text' | 'heading' | 'list' | 'task' | 'link' | 'page_link';
      content: {
        [key: string]: unknown;
      };
      /** @description metadata: ts_rank_cd (weights: heading 1.0, body 0.6, link URL words 0.3, page title 0.1) mapped to 0..1 as rank / (rank + 1). semantic: the cosine similarity, clamped at 0. hybrid: reciprocal rank fusion, Σ 1 / (60 + rank) over the two lists, divided by its largest possible value 2 / 61. */
      score: number;
      /** @description The words of the block that matched, as they stand in it (a stemmed, accent-free, prefix or corrected match names the block’s own word). Empty when only the page title or the meaning matched. */
      highlights: string[];
      /** @description A short excerpt around the first match, the matches marked **like this**. */
      snippet: string;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    SearchResponseDto: {
      /** @description Best first. */
      results: components['schemas']['SearchResultDto'][];
      /** @description metadata: how many blocks match at or above the threshold (results holds the first limit). semantic: how many results there are (the nearest blocks are looked for, not counted). hybrid with a provider: how many blocks the two fused lists (each of max(50, limit)) hold at or above the threshold; degraded: as metadata. */
      total: number;
      /** @enum {string} */
      search_type: 'semantic' | 'metadata' | 'hybrid';
      query: string;
      threshold: number;
      limit: number;
      /** @description true when the vector part of a hybrid search was skipped: no embeddings provider is configured, or it is failing. The results are then those of metadata. */
      degraded: boolean;
      /**
       * @description Why the answer is degraded: not_configured (no provider; the deployment’s choice) or unavailable (the provider is failing; retry later). null when not degraded.
       * @enum {string|null}
       */
      degraded_reason: 'not_configured' | 'unavailable' | null;
    };
    SearchQueryDto: {
      /** @description What to look for, as a person types it. Every word may be a prefix; accents and case never matter; a typo of one letter (words of 4–5 letters) or two (6 or more) is corrected to a word of the organization; a page title word counts as context for its blocks. Quotes, &, |, !, :*, parentheses are ordinary characters, never syntax. */
      q: string;
      /**
       * @description metadata: words only (full text with prefixes and typo correction). semantic: vector similarity of an embedding of q (400 SEMANTIC_SEARCH_UNAVAILABLE without a provider). hybrid: both, fused by reciprocal rank; without a working provider, the words only, with degraded: true.
       * @default hybrid
       * @enum {string}
       */
      search_type?: 'semantic' | 'metadata' | 'hybrid';
      /**
       * @description Comma list (or, in a POST body, an array) of block types; a block of any of them matches.
       * @example heading,text
       */
      block_types?: string;
      /**
       * Format: uuid
       * @description Only blocks of this page. A page of another organization, or none, finds nothing.
       */
      page_id?: string;
      /** @description Comma list (or array) of up to 20 tag ids; a block must carry every one of them. */
      tags?: string;
      /**
       * @description Blocks updated at or after this instant (a date means the start of that UTC day).
       * @example 2026-11-01
       */
      date_from?: string;
      /**
       * @description Blocks updated at or before this instant (a date includes that whole UTC day).
       * @example 2026-11-30
       */
      date_to?: string;
      /** @default 20 */
      limit?: number;
      /** @description Lowest score a result may have. Default 0 for metadata and hybrid; semantic defaults to 0.3 (its score is the cosine similarity). Hybrid fuses only vector matches of at least 0.3. */
      threshold?: number;
    };
    BlockEmbeddingResponseDto: {
      /** Format: uuid */
      block_id: string;
      /** @description A vector of the current model is stored for the block’s current text. */
      has_embedding: boolean;
      /** @description Identifies the embedded text (its MD5). */
      vector_id: string | null;
      vector_dimensions: number | null;
      model: string | null;
      /** @description The text the embedding is computed from (and full-text search reads). */
      searchable_text: string;
      /**
       * @description not_configured: no embeddings provider. pending: waiting (or retrying after a failure, see last_error). running: a runner holds the job. done: the vector is stored (a block with no words has none). failed: given up after repeated failures or refused by the provider.
       * @enum {string}
       */
      status: 'not_configured' | 'pending' | 'running' | 'done' | 'failed';
      /** @description Attempts of the current job. */
      attempts: number;
      last_error: string | null;
      /**
       * Format: date-time
       * @description When the vector was stored.
       */
      embedded_at: string | null;
    };
    EventActorDto: {
      user_id: string;
      /** @enum {string} */
      via: 'jwt' | 'api_key' | 'remote';
    };
    EventDto: {
      /** @description Increases within the organization; a string of 16 digits that sorts. */
      event_id: string;
      /** @enum {string} */
      type:
        | 'page.created'
        | 'page.updated'
        | 'page.moved'
        | 'page.archived'
        | 'page.restored'
        | 'page.deleted'
        | 'block.created'
        | 'block.updated'
        | 'block.moved'
        | 'block.converted'
        | 'block.deleted'
        | 'block.tagged'
        | 'block.untagged'
        | 'link.created'
        | 'link.deleted'
        | 'tag.created'
        | 'tag.updated'
        | 'tag.deleted';
      organization_id: string;
      actor: components['schemas']['EventActorDto'];
      /** Format: uuid */
      resource_id: string;
      /**
       * Format: uuid
       * @description The page the resource is on: the page itself, a block’s page, a tagged block’s page; null for tags and links.
       */
      page_id: string | null;
      /** @description The resource as the API renders it after the change (a page, a block, a link, a tag; for block.tagged and block.untagged `{block_id, tag_id, tags}`); ids only for deletions. */
      data: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      occurred_at: string;
    };
    EventListResponseDto: {
      events: components['schemas']['EventDto'][];
      /** @description Where to resume: the last event returned, or, when fewer than `limit` matched, the organization’s last event so far (later events have larger ids). */
      next_after: string;
    };
    StreamTicketResponseDto: {
      /** @description Single use; put it in `?ticket=` of the stream URL. */
      ticket: string;
      /** @example 60 */
      expires_in: number;
    };
    CreateWebhookDto: {
      /**
       * @description https (http only when NODE_ENV=development); its host must resolve to public addresses only (loopback, private, link-local, CGNAT and metadata addresses answer 400 WEBHOOK_TARGET_FORBIDDEN unless WEBHOOK_ALLOW_PRIVATE=true). Checked again before every delivery.
       * @example https://example.com/hooks/ocean
       */
      url: string;
      /** @description Event types to send; empty or absent: all. Types: page.created, page.updated, page.moved, page.archived, page.restored, page.deleted, block.created, block.updated, block.moved, block.converted, block.deleted, block.tagged, block.untagged, link.created, link.deleted, tag.created, tag.updated, tag.deleted. */
      types?: (
        | 'page.created'
        | 'page.updated'
        | 'page.moved'
        | 'page.archived'
        | 'page.restored'
        | 'page.deleted'
        | 'block.created'
        | 'block.updated'
        | 'block.moved'
        | 'block.converted'
        | 'block.deleted'
        | 'block.tagged'
        | 'block.untagged'
        | 'link.created'
        | 'link.deleted'
        | 'tag.created'
        | 'tag.updated'
        | 'tag.deleted'
      )[];
      description?: string | null;
    };
    CreatedWebhookResponseDto: {
      /** Format: uuid */
      webhook_id: string;
      organization_id: string;
      url: string;
      /** @description Empty: every type. */
      types: string[];
      description: string | null;
      enabled: boolean;
      /** @description Why Ocean disabled it (24 h of failed deliveries). */
      disabled_reason: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** @description The signing secret, shown this once: verify Ocean-Signature `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
      secret: string;
    };
    WebhookResponseDto: {
      /** Format: uuid */
      webhook_id: string;
      organization_id: string;
      url: string;
      /** @description Empty: every type. */
      types: string[];
      description: string | null;
      enabled: boolean;
      /** @description Why Ocean disabled it (24 h of failed deliveries). */
      disabled_reason: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    WebhookListResponseDto: {
      webhooks: components['schemas']['WebhookResponseDto'][];
      total: number;
    };
    UpdateWebhookDto: {
      /**
       * @description https (http only when NODE_ENV=development); its host must resolve to public addresses only (loopback, private, link-local, CGNAT and metadata addresses answer 400 WEBHOOK_TARGET_FORBIDDEN unless WEBHOOK_ALLOW_PRIVATE=true). Checked again before every delivery.
       * @example https://example.com/hooks/ocean
       */
      url?: string;
      /** @description Event types to send; empty or absent: all. Types: page.created, page.updated, page.moved, page.archived, page.restored, page.deleted, block.created, block.updated, block.moved, block.converted, block.deleted, block.tagged, block.untagged, link.created, link.deleted, tag.created, tag.updated, tag.deleted. */
      types?: (
        | 'page.created'
        | 'page.updated'
        | 'page.moved'
        | 'page.archived'
        | 'page.restored'
        | 'page.deleted'
        | 'block.created'
        | 'block.updated'
        | 'block.moved'
        | 'block.converted'
        | 'block.deleted'
        | 'block.tagged'
        | 'block.untagged'
        | 'link.created'
        | 'link.deleted'
        | 'tag.created'
        | 'tag.updated'
        | 'tag.deleted'
      )[];
      description?: string | null;
      /** @description false pauses deliveries; true resumes them (and clears disabled_reason). */
      enabled?: boolean;
    };
    DeliveryResponseDto: {
      /** Format: uuid */
      delivery_id: string;
      /** @description null for a webhook.test delivery. */
      event_id: string | null;
      event_type: string;
      /** @enum {string} */
      status: 'pending' | 'delivered' | 'failed';
      attempts: number;
      /** @description The receiver’s last HTTP status. */
      last_status: number | null;
      last_error: string | null;
      /**
       * Format: date-time
       * @description null once settled.
       */
      next_attempt_at: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      delivered_at: string | null;
    };
    DeliveryListResponseDto: {
      deliveries: components['schemas']['DeliveryResponseDto'][];
      limit: number;
      offset: number;
    };
    WebhookTestResponseDto: {
      /** Format: uuid */
      webhook_id: string;
      /** @description A webhook.test delivery is queued; see GET /webhooks/{id}/deliveries. */
      queued: boolean;
    };
    RegisterDto: {
      /** @example ada@example.com */
      email: string;
      /** @description At least 8 characters with a lowercase and an uppercase letter, a digit and a symbol; not a common password. */
      password: string;
      full_name?: string;
      /** @description Name of the organization created with the account (default: the email). */
      organization_name?: string;
    };
    UserResponseDto: {
      /** Format: uuid */
      id: string;
      email: string;
      /** @enum {string} */
      role: 'USER' | 'ADMIN';
      /** Format: uuid */
      organization_id: string;
      full_name: string | null;
      is_verified: boolean;
      /** Format: date-time */
      created_at: string;
    };
    LoginDto: {
      /** @example ada@example.com */
      email?: string;
      /** @description OAuth2 password grant (form-encoded): the email. */
      username?: string;
      password: string;
      /** @description OAuth2: "password" when sent. */
      grant_type?: string;
    };
    TokenPairResponseDto: {
      access_token: string;
      /** @description Opaque, single use: /refresh spends it and returns a new pair. */
      refresh_token: string;
      /** @example bearer */
      token_type: string;
      /** @description Seconds until the access token expires. */
      expires_in: number;
      user: components['schemas']['UserResponseDto'];
    };
    RefreshDto: {
      refresh_token: string;
    };
    MeResponseDto: {
      /** Format: uuid */
      id: string;
      email: string;
      /** @enum {string} */
      role: 'USER' | 'ADMIN';
      /** Format: uuid */
      organization_id: string;
      full_name: string | null;
      is_verified: boolean;
      /** Format: date-time */
      created_at: string;
      /** @description What the credential may do. */
      scopes: ('read' | 'write')[];
      /**
       * Format: uuid
       * @description Present when the credential is an API key.
       */
      api_key_id?: string;
    };
    TokenDto: {
      token: string;
    };
    ForgotPasswordDto: {
      email: string;
    };
    AcceptedResponseDto: {
      detail: string;
    };
    ResetPasswordDto: {
      token: string;
      new_password: string;
      /**
       * @description Also revoke every API key of the account (they survive a reset by default).
       * @default false
       */
      revoke_api_keys?: boolean;
    };
    ChangePasswordDto: {
      old_password: string;
      new_password: string;
    };
    CreateApiKeyDto: {
      /** @example CI importer */
      name: string;
      /** @description GET/HEAD need read; every other method needs write. */
      scopes: ('read' | 'write')[];
      /** @description Absent: the key does not expire. */
      expires_in_days?: number;
    };
    CreatedApiKeyResponseDto: {
      /** Format: uuid */
      api_key_id: string;
      name: string;
      /** @description The first characters of the key, enough to recognise it. */
      prefix: string;
      scopes: ('read' | 'write')[];
      /** Format: date-time */
      expires_at: string | null;
      /** Format: date-time */
      last_used_at: string | null;
      /** Format: date-time */
      revoked_at: string | null;
      /** Format: date-time */
      created_at: string;
      /** @description The key itself, shown this once: only its hash is kept. */
      key: string;
    };
    ApiKeyResponseDto: {
      /** Format: uuid */
      api_key_id: string;
      name: string;
      /** @description The first characters of the key, enough to recognise it. */
      prefix: string;
      scopes: ('read' | 'write')[];
      /** Format: date-time */
      expires_at: string | null;
      /** Format: date-time */
      last_used_at: string | null;
      /** Format: date-time */
      revoked_at: string | null;
      /** Format: date-time */
      created_at: string;
    };
    ApiKeyListResponseDto: {
      api_keys: components['schemas']['ApiKeyResponseDto'][];
      total: number;
    };
    UserListResponseDto: {
      users: components['schemas']['UserResponseDto'][];
      total: number;
      limit: number;
      offset: number;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  InfoController_info: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example ok
             * @enum {string}
             */
            status?: 'ok' | 'degraded';
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example {} */
            error?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example error
             * @enum {string}
             */
            status?: 'error' | 'shutting_down';
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
    };
  };
  PagesController_list: {
    parameters: {
      query?: {
        /** @description Out-of-range values are a 400, never clamped. */
        limit?: number;
        offset?: number;
        /** @description A page id for its children, or the word null for root pages. */
        parent_page_id?: string;
        /** @description true lists archived pages (the trash); default lists live pages. */
        is_archived?: boolean;
        is_favorite?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PageListResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The credential lacks the right (scope, organization). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PagesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePageDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PageResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PagesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PageResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PagesController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePageDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PageResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PagesController_remove: {
    parameters: {
      query?: {
        permanent?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Archived or deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PagesController_restore: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PageResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PagesController_move: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MovePageDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PageResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PagesController_backlinks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BacklinksResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_list: {
    parameters: {
      query: {
        /** @description The page; an id that is not a UUID names no page (404). */
        page_id: string;
        /** @description Out-of-range values are a 400, never clamped. */
        limit?: number;
        offset?: number;
        block_type?: 'text' | 'heading' | 'list' | 'task' | 'link' | 'page_link';
        /** @description A block id for its children, or the word null for top-level blocks. */
        parent_block_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockListResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_create: {
    parameters: {
      query: {
        /** @description The page; an id that is not a UUID names no page (404). */
        page_id: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateBlockDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_createBatch: {
    parameters: {
      query: {
        /** @description The page; an id that is not a UUID names no page (404). */
        page_id: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BatchCreateBlocksDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockBatchResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_update: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag from a previous read, e.g. "3". */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateBlockDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_move: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MoveBlockDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_convertPut: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConvertBlockDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_convert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConvertBlockDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_tagsOf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockTagsResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_assignTag: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignTagDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockTagsResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_removeTag: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        tagId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlocksController_backlinks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BacklinksResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PageTransferController_export: {
    parameters: {
      query?: {
        format?: 'markdown' | 'json';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page: `text/markdown; charset=utf-8` or JSON. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/markdown': string;
          'application/json': components['schemas']['PageExportDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/markdown': components['schemas']['ErrorResponseDto'];
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/markdown': components['schemas']['ErrorResponseDto'];
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/markdown': components['schemas']['ErrorResponseDto'];
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/markdown': components['schemas']['ErrorResponseDto'];
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/markdown': components['schemas']['ErrorResponseDto'];
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  PageTransferController_import: {
    parameters: {
      query?: {
        /** @description The parent page of the new page; absent for a root page. */
        parent_page_id?: string;
        /** @description The new page's title; absent: the document's leading `# heading`, else 'Untitled'. */
        title?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The Markdown document. */
    requestBody: {
      content: {
        'text/markdown': string;
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PageResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  LinksController_list: {
    parameters: {
      query?: {
        /** @description Out-of-range values are a 400, never clamped. */
        limit?: number;
        offset?: number;
        source_block_id?: string;
        target_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkListResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  LinksController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateLinkDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  LinksController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  LinksController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagsController_list: {
    parameters: {
      query?: {
        sort_by?: 'usage_count' | 'name';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagListResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTagDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTagDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagDeletedResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SearchController_get: {
    parameters: {
      query: {
        /** @description What to look for, as a person types it. Every word may be a prefix; accents and case never matter; a typo of one letter (words of 4–5 letters) or two (6 or more) is corrected to a word of the organization; a page title word counts as context for its blocks. Quotes, &, |, !, :*, parentheses are ordinary characters, never syntax. */
        q: string;
        /** @description metadata: words only (full text with prefixes and typo correction). semantic: vector similarity of an embedding of q (400 SEMANTIC_SEARCH_UNAVAILABLE without a provider). hybrid: both, fused by reciprocal rank; without a working provider, the words only, with degraded: true. */
        search_type?: 'semantic' | 'metadata' | 'hybrid';
        /** @description Comma list (or, in a POST body, an array) of block types; a block of any of them matches. */
        block_types?: string;
        /** @description Only blocks of this page. A page of another organization, or none, finds nothing. */
        page_id?: string;
        /** @description Comma list (or array) of up to 20 tag ids; a block must carry every one of them. */
        tags?: string;
        /** @description Blocks updated at or after this instant (a date means the start of that UTC day). */
        date_from?: string;
        /** @description Blocks updated at or before this instant (a date includes that whole UTC day). */
        date_to?: string;
        limit?: number;
        /** @description Lowest score a result may have. Default 0 for metadata and hybrid; semantic defaults to 0.3 (its score is the cosine similarity). Hybrid fuses only vector matches of at least 0.3. */
        threshold?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SearchController_post: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SearchQueryDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BlockEmbeddingController_embedding: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlockEmbeddingResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  EventsController_list: {
    parameters: {
      query?: {
        /** @description Comma list of event types; an event of any of them passes. Types: page.created, page.updated, page.moved, page.archived, page.restored, page.deleted, block.created, block.updated, block.moved, block.converted, block.deleted, block.tagged, block.untagged, link.created, link.deleted, tag.created, tag.updated, tag.deleted. */
        types?: string;
        /** @description Only events about this page or a block on it. A page of another organization shows nothing. */
        page_id?: string;
        /** @description Resume after this event id (exclusive). An id older than the retention period (EVENT_RETENTION_DAYS) answers 410 EVENTS_EXPIRED; one past the organization’s last event 400 UNKNOWN_EVENT_ID. */
        after?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventListResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Error */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  EventsController_stream: {
    parameters: {
      query?: {
        /** @description Comma list of event types; an event of any of them passes. Types: page.created, page.updated, page.moved, page.archived, page.restored, page.deleted, block.created, block.updated, block.moved, block.converted, block.deleted, block.tagged, block.untagged, link.created, link.deleted, tag.created, tag.updated, tag.deleted. */
        types?: string;
        /** @description Only events about this page or a block on it. A page of another organization shows nothing. */
        page_id?: string;
        /** @description Resume after this event id (exclusive). An id older than the retention period (EVENT_RETENTION_DAYS) answers 410 EVENTS_EXPIRED; one past the organization’s last event 400 UNKNOWN_EVENT_ID. */
        after?: string;
        /** @description A stream ticket (POST /events/tickets) in place of a credential header, for EventSource. Single use, 60 s. */
        ticket?: string;
      };
      header?: {
        /** @description Resume after this event id. */
        'Last-Event-ID'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stream. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Error */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  EventsController_ticket: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StreamTicketResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WebhooksController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookListResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WebhooksController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedWebhookResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WebhooksController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WebhooksController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateWebhookDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body larger than 1 MiB. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WebhooksController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WebhooksController_deliveries: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryListResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WebhooksController_test: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookTestResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_register[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_register[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_login[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description JSON {email, password}, or the OAuth2 password grant form {username, password}. */
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
        'application/x-www-form-urlencoded': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPairResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The account is locked after MAX_LOGIN_ATTEMPTS failed password checks; see `Retry-After`. */
      423: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_login[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description JSON {email, password}, or the OAuth2 password grant form {username, password}. */
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
        'application/x-www-form-urlencoded': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPairResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Body is not application/json (media types compare case-insensitively). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The account is locked after MAX_LOGIN_ATTEMPTS failed password checks; see `Retry-After`. */
      423: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_refresh[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPairResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_refresh[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPairResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_me[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MeResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_me[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MeResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_logout[0]': {
    parameters: {
      query?: {
        /** @description global: every session of the user. */
        scope?: 'local' | 'global';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out on every instance within a second. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_logout[1]': {
    parameters: {
      query?: {
        /** @description global: every session of the user. */
        scope?: 'local' | 'global';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out on every instance within a second. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_verifyEmail[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TokenDto'];
      };
    };
    responses: {
      /** @description Verified. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_verifyEmail[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TokenDto'];
      };
    };
    responses: {
      /** @description Verified. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_forgotPassword[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ForgotPasswordDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AcceptedResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_forgotPassword[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ForgotPasswordDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AcceptedResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_resetPassword[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetPasswordDto'];
      };
    };
    responses: {
      /** @description Password changed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_resetPassword[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResetPasswordDto'];
      };
    };
    responses: {
      /** @description Password changed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_changePassword[0]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      /** @description Password changed; sign in again. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  'IdentityController_changePassword[1]': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      /** @description Password changed; sign in again. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ApiKeysController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyListResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ApiKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKeyResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The credential lacks the right (scope, organization). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ApiKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_users: {
    parameters: {
      query?: {
        /** @description Out-of-range values are a 400, never clamped. */
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserListResponseDto'];
        };
      };
      /** @description Invalid input (VALIDATION_FAILED lists the fields in `errors`). A NUL, an unpaired UTF-16 surrogate or a percent-escape that is not UTF-8 anywhere in the body or the query string is INVALID_TEXT, naming the field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The credential lacks the right (scope, organization). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_deleteUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The credential lacks the right (scope, organization). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Not found, also for ids of another organization and ids that are not UUIDs. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Conflicts with the current state. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_stats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The credential lacks the right (scope, organization). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_cleanup: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Missing, invalid, expired or revoked credential; carries `WWW-Authenticate: Bearer error="invalid_token"`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The credential lacks the right (scope, organization). */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Rate limited (RATE_LIMIT_PER_MINUTE per caller, AUTH_RATE_LIMIT_PER_MINUTE per IP on the identity routes, AUTH_FAILURE_LIMIT_PER_MINUTE bad credentials per IP); retry after `Retry-After` seconds. */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A dependency (database) is unreachable; retry after `Retry-After` seconds. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
}
