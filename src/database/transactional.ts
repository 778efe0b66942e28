import type { Db, UnitOptions } from './db';

/**
 * Marks a service method as one unit of work: it runs in a transaction, or joins the one its
 * caller already runs (propagation REQUIRED), and every repository call inside reaches the
 * database through that transaction, whatever the call depth (@nestjs-cls/transactional carries
 * it). The service injects `Db` as `db`.
 *
 * The library's own `@Transactional()` looks up a process-wide TransactionHost, the last one
 * built, so in a process that runs two applications (the suites do) one app's methods would
 * run on the other's database. This one uses the host of the service's own app (`this.db`).
 */
export function Transactional(options: UnitOptions = {}) {
  return function <T extends (...args: never[]) => Promise<unknown>>(
    _target: { readonly db: Db },
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void {
    const work = descriptor.value!;
    descriptor.value = function (this: { readonly db: Db }, ...args: Parameters<T>) {
      return this.db.unitOfWork(() => work.apply(this, args), options);
    } as T;
  };
}
