import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto';
import { iso } from '../../common/time';
import { IsOptionalNonNull } from '../../common/validation';
import { Link, LINK_TYPES, type LinkType } from '../link.entity';

export class CreateLinkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'source_block_id must be a UUID' })
  source_block_id: string;

  @ApiProperty({ format: 'uuid', description: 'A page or a block of the same organization.' })
  @IsUUID('all', { message: 'target_id must be a UUID' })
  target_id: string;

  @ApiPropertyOptional({ enum: LINK_TYPES, default: 'reference' })
  @IsOptionalNonNull()
  @IsIn(LINK_TYPES, { message: `link_type must be one of ${LINK_TYPES.join(', ')}` })
  link_type?: LinkType;

  @ApiPropertyOptional({ description: 'true: the target is a page; false: a block; absent: whichever exists.' })
  @IsOptionalNonNull()
  @IsBoolean()
  is_page_link?: boolean;
}

export class ListLinksQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'source_block_id must be a UUID' })
  source_block_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'target_id must be a UUID' })
  target_id?: string;
}

export class LinkResponseDto {
  @ApiProperty({ format: 'uuid' }) link_id: string;
  @ApiProperty({ format: 'uuid' }) source_block_id: string;
  @ApiProperty({ format: 'uuid' }) target_id: string;
  @ApiProperty({ enum: LINK_TYPES }) link_type: string;
  @ApiProperty() is_page_link: boolean;
  @ApiProperty() organization_id: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class LinkListResponseDto {
  @ApiProperty({ type: [LinkResponseDto] }) links: LinkResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class BacklinkDto {
  @ApiProperty({ format: 'uuid' }) link_id: string;
  @ApiProperty({ enum: ['reference', 'embed', 'mention'] }) link_type: string;
  @ApiProperty({ format: 'uuid' }) source_block_id: string;
  @ApiProperty({ format: 'uuid' }) source_page_id: string;
  @ApiProperty() source_block_type: string;
  @ApiProperty() source_content_preview: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class BacklinksResponseDto {
  @ApiProperty({ type: [BacklinkDto] }) backlinks: BacklinkDto[];
  @ApiProperty() total: number;
}

export function toLinkResponse(link: Link): LinkResponseDto {
  return {
    link_id: link.id,
    source_block_id: link.sourceBlockId,
    target_id: (link.targetPageId ?? link.targetBlockId)!,
    link_type: link.linkType,
    is_page_link: link.targetPageId !== null,
    organization_id: link.organizationId,
    created_at: iso(link.createdAt),
  };
}
