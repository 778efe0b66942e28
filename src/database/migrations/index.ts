import { CreatePages1732300000000 } from './1732300000000-create-pages';

/** Every migration, in order; the same list runs on PGlite and on PostgreSQL. */
export const MIGRATIONS = [CreatePages1732300000000];
