import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/** The transaction host of the TypeORM data source: `tx` is the current unit's EntityManager. */
export type Tx = TransactionHost<TransactionalAdapterTypeOrm>;

/**
 * Marks a service method as one unit of work: it runs in a transaction, or joins the one its
 * caller already runs (propagation REQUIRED), and every repository call inside reaches the
 * database through that transaction, whatever the call depth.
 *
 * The library's own `@Transactional()` looks up a process-wide TransactionHost, the last one
 * built, so in a process that runs two applications (the suites do) one app's methods would
 * run on the other's database. This one uses the host the service was given (`this.txHost`).
 */
export function Transactional() {
  return function <T extends (this: { readonly txHost: Tx }, ...args: never[]) => Promise<unknown>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void {
    const work = descriptor.value!;
    descriptor.value = function (this: { readonly txHost: Tx }, ...args: Parameters<T>) {
      return this.txHost.withTransaction(() => work.apply(this, args));
    } as T;
  };
}
