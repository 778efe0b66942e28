import { randomUUID } from 'node:crypto';
import passport, { type Strategy } from 'passport';

/**
 * What a strategy of Ocean's "registers" with as it is built: nothing. Passport's registry is
 * one per process, and @nestjs/passport's mixin would file each strategy under its fixed name
 * there; two applications in one process (the test suites, a core and a resource server side
 * by side) would then verify with each other's keys and verifiers. AuthStrategies files each
 * application's strategies under names of its own instead.
 */
export const UNREGISTERED = { use: (): void => undefined } as unknown as passport.PassportStatic;

/**
 * The names of one application's strategies: `api-key`, `jwt` or `core`, and a tag of its own,
 * random rather than counted, so that two copies of this module (two builds on one passport)
 * cannot hand out the same names.
 */
export class StrategyNames {
  private readonly tag = `#${randomUUID().slice(0, 8)}`;

  of(name: 'api-key' | 'jwt' | 'core'): string {
    return `${name}${this.tag}`;
  }
}

const registry = passport as unknown as { _strategy(name: string): Strategy | undefined };

/**
 * Files `strategies` in passport's registry under their names, never over another one's (which
 * would verify another application's credentials with this one's keys); `remove` takes them out.
 */
export function register(strategies: Record<string, Strategy>): { remove(): void } {
  for (const name of Object.keys(strategies)) {
    if (registry._strategy(name)) throw new Error(`passport already holds a strategy named ${name}`);
  }
  for (const [name, strategy] of Object.entries(strategies)) passport.use(name, strategy);
  return { remove: () => Object.keys(strategies).forEach((name) => passport.unuse(name)) };
}
