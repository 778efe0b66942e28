import type { DataSource, EntityMetadata, EntityTarget } from 'typeorm';

/** snake_case of a property name: the column name a derived field is selected under. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const INTEGER_TYPES = new Set<unknown>(['int', 'int4', 'integer', Number]);

interface Field {
  column: string;
  property: string;
  integer: boolean;
  json: boolean;
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Rows of raw SQL as entities, driven by the entity's metadata alone: where a statement is the
 * point (recursive CTEs, window-ranked positions, multi-row inserts), it still selects through
 * `columns()` and reads back through `toEntity()`, so a column is declared once, on the entity.
 * Derived fields are `@VirtualColumn`s of the entity: their SQL lives in the declaration and a
 * statement selects it with `derived()` (or computes it another way under the same name).
 * Results are plain objects: a list maps hundreds of rows per request.
 */
export class EntityRows<T> {
  private readonly fields: Field[];
  private readonly table: string;
  private readonly stored: string[];
  private readonly queries = new Map<string, (alias: string) => string>();

  constructor(metadata: EntityMetadata) {
    this.fields = metadata.columns.map((c) => ({
      column: c.isVirtualProperty ? snake(c.propertyName) : c.databaseName,
      property: c.propertyName,
      integer: INTEGER_TYPES.has(c.type),
      json: c.type === 'jsonb' || c.type === 'json',
    }));
    this.table = metadata.tableName;
    this.stored = metadata.columns.filter((c) => !c.isVirtualProperty).map((c) => c.databaseName);
    for (const c of metadata.columns) {
      if (c.isVirtualProperty && c.query) this.queries.set(c.propertyName, c.query);
    }
  }

  /** Every stored column, qualified by `alias`, for a SELECT or RETURNING list. */
  columns(alias: string): string {
    return this.stored.map((c) => `${alias}.${c}`).join(', ');
  }

  /** A derived field's SQL as the entity declares it, over the row `alias`, named for toEntity(). */
  derived(property: keyof T & string, alias: string): string {
    const query = this.queries.get(property);
    if (!query) throw new Error(`${property} is not a derived field`);
    return `(${query(alias)}) AS ${snake(property)}`;
  }

  /**
   * A multi-row `INSERT INTO <table> (<columns of props>) VALUES …` of `items`, with parameters
   * numbered after `offset` (JSON columns serialised). A statement may add RETURNING or ON CONFLICT.
   */
  insert(items: Array<Partial<T>>, props: Array<keyof T & string>, offset = 0): Statement {
    const fields = props.map((p) => this.field(p));
    const params: unknown[] = [];
    const values = items.map(
      (item) =>
        `(${fields
          .map((f) => {
            const value = (item as Record<string, unknown>)[f.property] ?? null;
            params.push(f.json && value !== null ? JSON.stringify(value) : value);
            return `$${offset + params.length}`;
          })
          .join(', ')})`,
    );
    return {
      sql: `INSERT INTO ${this.table} (${fields.map((f) => f.column).join(', ')}) VALUES ${values.join(', ')}`,
      params,
    };
  }

  /** `column = $n, …` for the fields of `changes` that are not undefined, numbered after `offset`. */
  assignments(changes: Partial<T>, offset: number): Statement {
    const params: unknown[] = [];
    const sets: string[] = [];
    for (const [property, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      const f = this.field(property as keyof T & string);
      params.push(f.json && value !== null ? JSON.stringify(value) : value);
      sets.push(`${f.column} = $${offset + params.length}`);
    }
    return { sql: sets.join(', '), params };
  }

  private field(property: keyof T & string): Field {
    const field = this.fields.find((f) => f.property === property);
    if (!field) throw new Error(`${property} is not a field`);
    return field;
  }

  /** The entity of a row; fields the statement did not select are left out. */
  toEntity(row: Record<string, unknown>): T {
    const entity: Record<string, unknown> = {};
    for (const f of this.fields) {
      const value = row[f.column];
      if (value === undefined) continue;
      entity[f.property] = f.integer && typeof value === 'string' ? Number(value) : value;
    }
    return entity as T;
  }

  toEntities(rows: Array<Record<string, unknown>>): T[] {
    return rows.map((row) => this.toEntity(row));
  }
}

const cache = new WeakMap<EntityMetadata, EntityRows<unknown>>();

/** The row mapping of an entity, built once per data source and entity. */
export function entityRows<T>(dataSource: DataSource, target: EntityTarget<T>): EntityRows<T> {
  const metadata = dataSource.getMetadata(target);
  let rows = cache.get(metadata);
  if (!rows) {
    rows = new EntityRows<unknown>(metadata);
    cache.set(metadata, rows);
  }
  return rows as EntityRows<T>;
}
