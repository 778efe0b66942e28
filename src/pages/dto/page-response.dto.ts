import { ApiProperty } from '@nestjs/swagger';
import { iso } from '../../common/time';
import { Page } from '../page.entity';

export class PageResponseDto {
  @ApiProperty({ format: 'uuid' }) page_id: string;
  @ApiProperty() organization_id: string;
  @ApiProperty() user_id: string;
  @ApiProperty({ minLength: 1, maxLength: 500 }) title: string;
  @ApiProperty({ nullable: true, type: String }) icon: string | null;
  @ApiProperty({ nullable: true, type: String }) cover_image: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parent_page_id: string | null;
  @ApiProperty({ description: 'Zero-based rank among siblings in the same archive state.' }) position: number;
  @ApiProperty() is_archived: boolean;
  @ApiProperty() is_favorite: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' }) created_at: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' }) updated_at: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
}

export class PageListResponseDto {
  @ApiProperty({ type: [PageResponseDto] }) pages: PageResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export function toPageResponse(page: Page): PageResponseDto {
  return {
    page_id: page.id,
    organization_id: page.organizationId,
    user_id: page.userId,
    title: page.title,
    icon: page.icon,
    cover_image: page.coverImage,
    parent_page_id: page.parentPageId,
    position: page.position,
    is_archived: page.isArchived,
    is_favorite: page.isFavorite,
    created_at: iso(page.createdAt),
    updated_at: iso(page.updatedAt),
    metadata: page.metadata,
  };
}
