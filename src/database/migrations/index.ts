import { CreatePages1732300000000 } from './1732300000000-create-pages';
import { CreateContentModel1732400000000 } from './1732400000000-create-content-model';
import { CreateIdentity1732500000000 } from './1732500000000-create-identity';
import { Hardening1732600000000 } from './1732600000000-hardening';
import { BackfillPageLinkMentions1732700000000 } from './1732700000000-backfill-page-link-mentions';
import { CreateTypeormMetadata1732800000000 } from './1732800000000-create-typeorm-metadata';
import { CreateSearch1732900000000 } from './1732900000000-create-search';
import { CreateJobsAndEmbeddings1733000000000 } from './1733000000000-create-jobs-and-embeddings';
import { CreateEvents1733100000000 } from './1733100000000-create-events';
import { CreateWebhooks1733200000000 } from './1733200000000-create-webhooks';

/** Every migration, in order; the same list runs on PGlite and on PostgreSQL. */
export const MIGRATIONS = [
  CreatePages1732300000000,
  CreateContentModel1732400000000,
  CreateIdentity1732500000000,
  Hardening1732600000000,
  BackfillPageLinkMentions1732700000000,
  CreateTypeormMetadata1732800000000,
  CreateSearch1732900000000,
  CreateJobsAndEmbeddings1733000000000,
  CreateEvents1733100000000,
  CreateWebhooks1733200000000,
];
