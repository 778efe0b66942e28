import { Controller, Get, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { RemoteMeVerifier } from '../auth/remote-me.verifier';
import { HttpShutdown } from '../common/http-shutdown';

const PING_TIMEOUT_MS = 2000;

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Optional() private readonly shutdown?: HttpShutdown,
    @Optional() private readonly core?: RemoteMeVerifier,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database (and the core auth service, when used) answer; else 503' })
  ready(): Promise<HealthCheckResult> {
    const core = this.core;
    return this.health.check([
      () => {
        const check = this.indicator.check('instance');
        return this.shutdown?.draining ? check.down({ message: 'draining before a stop' }) : check.up();
      },
      () => this.pingDatabase(),
      ...(core
        ? [
            async () => {
              const check = this.indicator.check('core_auth');
              return (await core.ping()) ? check.up() : check.down({ message: 'unreachable' });
            },
          ]
        : []),
    ]);
  }

  private async pingDatabase() {
    const check = this.indicator.check('database');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), PING_TIMEOUT_MS);
        }),
      ]);
      return check.up();
    } catch (err) {
      return check.down({ message: err instanceof Error ? err.message : 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
}
