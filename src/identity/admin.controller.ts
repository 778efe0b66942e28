import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context';
import { AdminOnly, CurrentAuth } from '../auth/decorators';
import { ApiErrors } from '../common/api-errors.decorator';
import { PaginationQueryDto } from '../common/pagination.dto';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { AdminService } from './admin.service';
import { toUserResponse, UserResponseDto } from './dto/identity.dto';

class UserListResponseDto {
  @ApiProperty({ type: [UserResponseDto] }) users: UserResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

@ApiTags('identity admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/auth')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('users')
  @ApiOperation({ summary: 'All users (ADMIN)' })
  @ApiResponse({ status: 200, type: UserListResponseDto })
  @ApiErrors(400, 403)
  async users(@Query() query: PaginationQueryDto): Promise<UserListResponseDto> {
    const { users, total } = await this.admin.listUsers(query.limit, query.offset);
    return { users: users.map(toUserResponse), total, limit: query.limit, offset: query.offset };
  }

  @Delete('users/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user and revoke their sessions, tokens and API keys (ADMIN)' })
  @ApiResponse({ status: 204, description: 'Deleted.' })
  @ApiErrors(403, 404, 409)
  async deleteUser(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new ParseIdPipe('USER_NOT_FOUND')) id: string,
  ): Promise<void> {
    await this.admin.deleteUser(auth, id);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Counts of users, sessions, keys, revocations, pages and blocks (ADMIN)' })
  @ApiErrors(403)
  stats(): Promise<Record<string, number>> {
    return this.admin.stats();
  }

  @Post('cleanup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Purge expired revocations, sessions, tokens and keys (ADMIN)' })
  @ApiErrors(403)
  async cleanup(): Promise<{ purged: Record<string, number> }> {
    return { purged: await this.admin.cleanup() };
  }
}
