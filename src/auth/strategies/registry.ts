import passport, { type Strategy } from 'passport';

/**
 * What a strategy of Ocean's "registers" with as it is built: nothing. Passport's registry is
 * one per process, and @nestjs/passport's mixin would file each strategy under its fixed name
 * there; two applications in one process (the test suites, a core and a resource server side
 * by side) would then verify with each other's keys and verifiers. AuthStrategies files each
 * application's strategies under names of its own instead.
 */
export const UNREGISTERED = { use: (): void => undefined } as unknown as passport.PassportStatic;

let applications = 0;

/** The names of one application's strategies: `api-key`, `jwt` or `core`, and its own tag. */
export class StrategyNames {
  private readonly tag = `#${++applications}`;

  of(name: 'api-key' | 'jwt' | 'core'): string {
    return `${name}${this.tag}`;
  }
}

/** Files `strategies` in passport's registry under `names`; `remove` takes them out again. */
export function register(strategies: Record<string, Strategy>): { remove(): void } {
  for (const [name, strategy] of Object.entries(strategies)) passport.use(name, strategy);
  return { remove: () => Object.keys(strategies).forEach((name) => passport.unuse(name)) };
}
