import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventHub } from './event-hub';
import { EventStreams } from './event-streams';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { Outbox } from './outbox';
import { OutboxInterceptor } from './outbox.interceptor';

/** The outbox, its fan-out to every instance, the catch-up list and the live stream. */
@Module({
  controllers: [EventsController],
  providers: [
    EventsRepository,
    EventHub,
    EventStreams,
    EventsService,
    Outbox,
    { provide: APP_INTERCEPTOR, useClass: OutboxInterceptor },
  ],
  exports: [Outbox, EventsService],
})
export class EventsModule {}
