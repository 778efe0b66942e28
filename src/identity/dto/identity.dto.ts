import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { iso } from '../../common/time';
import type { User } from '../entities/user.entity';

/** Emails are compared after trimming (API.md Identity): " ada@example.com " is Ada's address. */
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(trimmed)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({
    description:
      'At least 8 characters with a lowercase and an uppercase letter, a digit and a symbol; not a common password.',
  })
  @IsString()
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  full_name?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Name of the organization created with the account (default: the email).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organization_name?: string;
}

/** JSON login; the form-encoded OAuth2 password grant sends `username` instead of `email`. */
export class LoginDto {
  @ApiPropertyOptional({ example: 'ada@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ description: 'OAuth2 password grant (form-encoded): the email.' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  username?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ description: 'OAuth2: "password" when sent.' })
  @IsOptional()
  @IsIn(['password'])
  grant_type?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MaxLength(512)
  refresh_token: string;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @MaxLength(512)
  token: string;
}

export class ForgotPasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(320)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(512)
  token: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  new_password: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Also revoke every API key of the account (they survive a reset by default).',
  })
  @IsOptional()
  @IsBoolean()
  revoke_api_keys?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  old_password: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  new_password: string;
}

export class LogoutQueryDto {
  @ApiPropertyOptional({
    enum: ['local', 'global'],
    default: 'local',
    description: 'global: every session of the user.',
  })
  @IsOptional()
  @IsIn(['local', 'global'], { message: 'scope must be local or global' })
  scope?: 'local' | 'global';
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['USER', 'ADMIN'] }) role: string;
  @ApiProperty({ format: 'uuid' }) organization_id: string;
  @ApiProperty({ nullable: true, type: String }) full_name: string | null;
  @ApiProperty() is_verified: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class MeResponseDto extends UserResponseDto {
  @ApiProperty({ isArray: true, enum: ['read', 'write'], description: 'What the credential may do.' }) scopes: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Present when the credential is an API key.' })
  api_key_id?: string;
}

export class TokenPairResponseDto {
  @ApiProperty() access_token: string;
  @ApiProperty({ description: 'Opaque, single use: /refresh spends it and returns a new pair.' }) refresh_token: string;
  @ApiProperty({ example: 'bearer' }) token_type: 'bearer';
  @ApiProperty({ description: 'Seconds until the access token expires.' }) expires_in: number;
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}

export class AcceptedResponseDto {
  @ApiProperty() detail: string;
}

export function toUserResponse(user: User): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    organization_id: user.organizationId,
    full_name: user.fullName,
    is_verified: user.isVerified,
    created_at: iso(user.createdAt),
  };
}
