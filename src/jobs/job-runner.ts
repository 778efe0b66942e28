import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ClaimedJob, JobsRepository } from './jobs.repository';

/** What works one queue's jobs. `run` gets the claimed jobs and settles each one. */
export interface JobHandler {
  queue: string;
  batchSize: number;
  /** How long a claim lasts before another runner may take the job again. */
  leaseSeconds: number;
  run(jobs: ClaimedJob[]): Promise<void>;
}

interface Tick {
  claimed: number;
  /** Some queue had a full batch: more may be due. */
  full: boolean;
}

/**
 * Polls the job table for every registered queue, off the request path. Every instance runs
 * one; FOR UPDATE SKIP LOCKED in the claim keeps two from taking the same job. A full batch
 * is followed at once by the next claim, an empty one by a pause of `pollMs`.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers: JobHandler[] = [];
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<Tick> | undefined;
  private stopped = false;
  private readonly pollMs: number;

  constructor(
    private readonly jobs: JobsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pollMs = config.jobs.pollMs;
  }

  register(handler: JobHandler): void {
    this.handlers.push(handler);
  }

  onApplicationBootstrap(): void {
    if (this.handlers.length > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current?.catch(() => undefined);
  }

  /** Claims and runs one batch of every queue. */
  runOnce(): Promise<Tick> {
    if (!this.current) {
      this.current = this.tick().finally(() => {
        this.current = undefined;
      });
    }
    return this.current;
  }

  /** Runs batches until no queue has a due job left (for tests and tools). */
  async drain(maxBatches = 1000): Promise<void> {
    for (let i = 0; i < maxBatches; i++) {
      if ((await this.runOnce()).claimed === 0) return;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce().then(
        (tick) => this.schedule(tick.full ? 0 : this.pollMs),
        () => this.schedule(this.pollMs),
      );
    }, delayMs);
    this.timer.unref();
  }

  /** Every queue at once: a slow queue (webhooks waiting on receivers) holds up no other. */
  private async tick(): Promise<Tick> {
    const tick = { claimed: 0, full: false };
    await Promise.all(
      this.handlers.map(async (handler) => {
        if (this.stopped) return;
        try {
          const jobs = await this.jobs.claim(handler.queue, handler.batchSize, handler.leaseSeconds);
          if (jobs.length === 0) return;
          tick.claimed += jobs.length;
          tick.full ||= jobs.length === handler.batchSize;
          await handler.run(jobs);
        } catch (err) {
          // The jobs stay claimed until their lease ends, then are taken again.
          this.logger.warn(`queue ${handler.queue}: ${(err as Error).message}`);
        }
      }),
    );
    return tick;
  }
}
