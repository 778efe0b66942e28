/** Injection token of the configured EmbeddingsProvider, or null when none is configured. */
export const EMBEDDINGS_PROVIDER = Symbol('EMBEDDINGS_PROVIDER');

/** Injection token of the VectorIndex chosen at start (pgvector, or an exact scan). */
export const VECTOR_INDEX = Symbol('VECTOR_INDEX');
