export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failuresToOpen: number;
  /** The first cool-down; each failed trial doubles it, up to `maxOpenMs`. */
  openMs: number;
  maxOpenMs: number;
  /** Injectable for tests. */
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Stops calling a dependency that keeps failing, so callers get an answer at once instead of
 * waiting out a timeout each, and the dependency is not hammered while it recovers. Once the
 * cool-down has passed, one trial call is let through (half-open): its success closes the
 * circuit, its failure opens it again for twice as long. Written by hand because no breaker
 * library is among the dependencies and this one is thirty lines.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private cooldownMs: number;
  private trialRunning = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.cooldownMs = options.openMs;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.failures < this.options.failuresToOpen) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** Whether a call would be let through now (closed, or half-open with no trial running). */
  canAttempt(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half-open' && !this.trialRunning);
  }

  /** Claims the right to call; in half-open state only one caller gets it until it reports. */
  tryAcquire(): boolean {
    if (!this.canAttempt()) return false;
    if (this.state === 'half-open') this.trialRunning = true;
    return true;
  }

  /** The dependency answered: close the circuit and forget the failures. */
  recordSuccess(): void {
    this.failures = 0;
    this.openUntil = 0;
    this.cooldownMs = this.options.openMs;
    this.trialRunning = false;
  }

  /** Returns true when this failure opened (or reopened) the circuit. */
  recordFailure(): boolean {
    const wasTrial = this.trialRunning;
    this.trialRunning = false;
    if (this.state === 'open') return false; // a call that started before the circuit opened
    this.failures++;
    if (this.failures < this.options.failuresToOpen) return false;
    if (wasTrial) this.cooldownMs = Math.min(this.cooldownMs * 2, this.options.maxOpenMs);
    this.openUntil = this.now() + this.cooldownMs;
    return true;
  }

  /** The call ended without saying anything about the dependency (the caller gave up). */
  release(): void {
    this.trialRunning = false;
  }
}
