import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError, ErrorCode } from './errors';
import { isUuid } from './ids';

/**
 * Path ids that are not UUIDs answer 404 like ids of another organization: a malformed id
 * names no resource, and a 400 would tell a prober which ids are well-formed.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: ErrorCode = 'NOT_FOUND') {}

  transform(value: string): string {
    if (!isUuid(value)) throw new AppError(this.notFound);
    return value.toLowerCase();
  }
}
