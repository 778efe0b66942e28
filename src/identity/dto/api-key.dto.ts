import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { iso } from '../../common/time';
import { IsOptionalNonNull } from '../../common/validation';
import type { ApiKey } from '../entities/api-key.entity';

export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'CI importer' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    enum: ['read', 'write'],
    isArray: true,
    description: 'GET/HEAD need read; every other method needs write.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(['read', 'write'], { each: true, message: 'scopes must be read and/or write' })
  scopes: Array<'read' | 'write'>;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Absent: the key does not expire.' })
  @IsOptionalNonNull()
  @IsInt()
  @Min(1)
  @Max(3650)
  expires_in_days?: number;
}

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' }) api_key_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, enough to recognise it.' }) prefix: string;
  @ApiProperty({ isArray: true, enum: ['read', 'write'] }) scopes: string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The key itself, shown this once: only its hash is kept.' }) key: string;
}

export class ApiKeyListResponseDto {
  @ApiProperty({ type: [ApiKeyResponseDto] }) api_keys: ApiKeyResponseDto[];
  @ApiProperty() total: number;
}

const isoOrNull = (value: Date | null): string | null => (value ? iso(value) : null);

export function toApiKeyResponse(key: ApiKey): ApiKeyResponseDto {
  return {
    api_key_id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    expires_at: isoOrNull(key.expiresAt),
    last_used_at: isoOrNull(key.lastUsedAt),
    revoked_at: isoOrNull(key.revokedAt),
    created_at: iso(key.createdAt),
  };
}
