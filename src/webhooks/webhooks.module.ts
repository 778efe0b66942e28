import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { JobsModule } from '../jobs/jobs.module';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';
import { DNS_RESOLVER, systemResolver, WebhookTargets } from './webhook-targets';
import { WebhookWorker } from './webhook-worker';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhooks: their CRUD, their deliveries (written with the events), and the runner that sends them. */
@Module({
  imports: [EventsModule, JobsModule],
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    WebhooksService,
    WebhookSecrets,
    WebhookTargets,
    WebhookSender,
    WebhookWorker,
    // An object, so that a suite can stand in another resolver (the network's edge) at run time.
    { provide: DNS_RESOLVER, useValue: { lookup: systemResolver.lookup } },
  ],
})
export class WebhooksModule {}
