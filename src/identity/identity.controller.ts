import { Body, Controller, Get, Headers, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { AuthRateLimited, CurrentAuth, Public } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { invalidField } from '../common/errors';
import {
  AcceptedResponseDto,
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  LogoutQueryDto,
  MeResponseDto,
  RefreshDto,
  RegisterDto,
  ResetPasswordDto,
  TokenDto,
  TokenPairResponseDto,
  toUserResponse,
  UserResponseDto,
} from './dto/identity.dto';
import { IdentityService } from './identity.service';

/**
 * `/api/v1/auth/*` answers the same as `/v1/auth/*`: the paths the AINative command line client
 * (`ainative-code auth login-backend`, `refresh-backend`, `whoami`, …) already uses.
 */
@ApiTags('identity')
@Controller(['v1/auth', 'api/v1/auth'])
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @AuthRateLimited()
  @Post('register')
  @ApiOperation({ summary: 'Create an account and its organization; a verification token is mailed' })
  @ApiResponse({ status: 201, type: UserResponseDto })
  @ApiErrors(400, 409, 429)
  async register(@Body() dto: RegisterDto): Promise<UserResponseDto> {
    return toUserResponse(await this.identity.register(dto));
  }

  @Public()
  @AuthRateLimited()
  @Post('login')
  @HttpCode(200)
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    type: LoginDto,
    description: 'JSON {email, password}, or the OAuth2 password grant form {username, password}.',
  })
  @ApiOperation({
    summary: 'Sign in; answers an access token and a single-use refresh token',
    description: 'Unknown email and wrong password answer the same 401. Repeated failures lock the account (423).',
  })
  @ApiResponse({ status: 200, type: TokenPairResponseDto })
  @ApiErrors(400, 415, 423, 429)
  login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<TokenPairResponseDto> {
    const email = dto.email ?? dto.username;
    if (!email) {
      throw invalidField('email', 'email (or username) is required');
    }
    return this.identity.login(email, dto.password, { ip, userAgent });
  }

  @Public()
  @AuthRateLimited()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair',
    description:
      'The old refresh token is spent. Presenting a spent token again revokes the whole session (reuse detection).',
  })
  @ApiResponse({ status: 200, type: TokenPairResponseDto })
  @ApiErrors(400)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairResponseDto> {
    return this.identity.refresh(dto.refresh_token);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller (access token or API key), with its organization' })
  @ApiResponse({ status: 200, type: MeResponseDto })
  @ApiErrors()
  async me(@CurrentAuth() auth: AuthContext): Promise<MeResponseDto> {
    return {
      ...toUserResponse(await this.identity.me(auth)),
      scopes: auth.scopes,
      ...(auth.apiKeyId ? { api_key_id: auth.apiKeyId } : {}),
    };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Revoke this access token and this session (scope=local) or every session of the user (scope=global)',
  })
  @ApiResponse({ status: 204, description: 'Signed out on every instance within a second.' })
  @ApiErrors(400)
  async logout(@CurrentAuth() auth: AuthContext, @Query() query: LogoutQueryDto): Promise<void> {
    await this.identity.logout(auth, query.scope ?? 'local');
  }

  @Public()
  @AuthRateLimited()
  @Post('verify-email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm an email address with the mailed token' })
  @ApiResponse({ status: 204, description: 'Verified.' })
  @ApiErrors(400)
  async verifyEmail(@Body() dto: TokenDto): Promise<void> {
    await this.identity.verifyEmail(dto.token);
  }

  @Public()
  @AuthRateLimited()
  @Post('forgot-password')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a password-reset token; answers 202 whether or not the account exists' })
  @ApiResponse({ status: 202, type: AcceptedResponseDto })
  @ApiErrors(400, 429)
  forgotPassword(@Body() dto: ForgotPasswordDto): AcceptedResponseDto {
    this.identity.forgotPassword(dto.email);
    return { detail: 'If an account exists for this email, a reset token has been sent to it.' };
  }

  @Public()
  @AuthRateLimited()
  @Post('reset-password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset token (single use); every session is revoked' })
  @ApiResponse({ status: 204, description: 'Password changed.' })
  @ApiErrors(400)
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.identity.resetPassword(dto.token, dto.new_password, dto.revoke_api_keys ?? false);
  }

  @Post('change-password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; every session (this one too) is revoked' })
  @ApiResponse({ status: 204, description: 'Password changed; sign in again.' })
  @ApiErrors(400)
  async changePassword(@CurrentAuth() auth: AuthContext, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.identity.changePassword(auth, dto);
  }
}
