import type { ExecutionContext } from '@nestjs/common';

/**
 * What a guard works out once per route from static metadata, kept by controller and then
 * handler (an inherited handler may sit under another class's decorators).
 */
export class RouteCache<T> {
  private readonly byController = new WeakMap<object, WeakMap<object, T>>();

  constructor(private readonly compute: (context: ExecutionContext) => T) {}

  of(context: ExecutionContext): T {
    const controller = context.getClass();
    let byHandler = this.byController.get(controller);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.byController.set(controller, byHandler);
    }
    const handler = context.getHandler();
    let value = byHandler.get(handler);
    if (value === undefined) {
      value = this.compute(context);
      byHandler.set(handler, value);
    }
    return value;
  }
}
