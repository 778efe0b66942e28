import { Module } from '@nestjs/common';
import { JobRunner } from './job-runner';
import { JobsRepository } from './jobs.repository';

/** The job table's runner; feature modules register their queues' handlers with it. */
@Module({
  providers: [JobsRepository, JobRunner],
  exports: [JobsRepository, JobRunner],
})
export class JobsModule {}
