import { ApiProperty } from '@nestjs/swagger';

export const EMBEDDING_STATES = ['not_configured', 'pending', 'running', 'done', 'failed'] as const;
export type EmbeddingState = (typeof EMBEDDING_STATES)[number];

export class BlockEmbeddingResponseDto {
  @ApiProperty({ format: 'uuid' }) block_id: string;
  @ApiProperty({ description: 'A vector of the current model is stored for the block’s current text.' })
  has_embedding: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Identifies the embedded text (its MD5).' })
  vector_id: string | null;
  @ApiProperty({ nullable: true, type: Number }) vector_dimensions: number | null;
  @ApiProperty({ nullable: true, type: String }) model: string | null;
  @ApiProperty({ description: 'The text the embedding is computed from (and full-text search reads).' })
  searchable_text: string;
  @ApiProperty({
    enum: EMBEDDING_STATES,
    description:
      'not_configured: no embeddings provider. pending: waiting (or retrying after a failure, see last_error). ' +
      'running: a runner holds the job. done: the vector is stored (a block with no words has none). failed: ' +
      'given up after repeated failures or refused by the provider.',
  })
  status: EmbeddingState;
  @ApiProperty({ description: 'Attempts of the current job.' }) attempts: number;
  @ApiProperty({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the vector was stored.' })
  embedded_at: string | null;
}
