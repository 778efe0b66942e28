/**
 * The rows an `UPDATE` or `DELETE … RETURNING` gave back. Through `EntityManager.query()`,
 * TypeORM's postgres driver answers those two commands with `[rows, rowCount]` rather than
 * the rows, so `result.length` is always 2 and would report a change that never happened.
 */
export function returnedRows<T = unknown>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
