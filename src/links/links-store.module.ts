import { Module } from '@nestjs/common';
import { LinksRepository } from './links.repository';
import { PageMentions } from './page-mentions';

/** The links table: block writes keep page_link mentions through PageMentions. */
@Module({ providers: [LinksRepository, PageMentions], exports: [LinksRepository, PageMentions] })
export class LinksStoreModule {}
