/**
 * The two ways embedding can fail, told apart so a caller knows whether to retry. Messages are
 * written here, never copied from the HTTP client: an axios error carries the request's headers
 * (the API key) and body (the texts), and no cause is attached for the same reason.
 */
export abstract class EmbeddingsError extends Error {
  /** The provider's HTTP status when it answered one. */
  readonly status?: number;
  /** A network error code such as ECONNREFUSED or ETIMEDOUT, when there was one. */
  readonly code?: string;

  constructor(message: string, details: { status?: number; code?: string } = {}) {
    super(message);
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
  }

  /** Whether the same texts may succeed later. */
  abstract readonly retryable: boolean;
}

/** Down, too slow, overloaded (5xx, 408, 429) or held off by the circuit breaker: retry later. */
export class EmbeddingsUnavailableError extends EmbeddingsError {
  readonly retryable = true;
}

/** Refused (4xx) or answered something that is not embeddings: the same input will fail again. */
export class EmbeddingsRejectedError extends EmbeddingsError {
  readonly retryable = false;
}
