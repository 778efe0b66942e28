import { Writable } from 'node:stream';

/**
 * Collects every JSON log line an app writes (`bootApp(env, { logDestination: sink })`).
 * nestjs-pino keeps one logger per process, built by the first app: only the first app a
 * test file boots writes to its own destination, so give a log-reading suite its own file.
 */
export class LogSink extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}
