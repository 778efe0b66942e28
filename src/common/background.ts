import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

/**
 * Work that a request starts but does not wait for (mail, a reset request's lookup), so that
 * its duration cannot show in the answer. Failures are logged; shutdown waits for what runs.
 */
@Injectable()
export class BackgroundTasks implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Background');
  private readonly running = new Set<Promise<void>>();

  run(name: string, work: () => Promise<void>): void {
    const task = Promise.resolve()
      .then(work)
      .catch((err: unknown) => this.logger.error({ event: 'background_failed', task: name, err }, `${name} failed`))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when every task started so far has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.idle();
  }
}
