import { NotFoundException, PipeTransform } from '@nestjs/common';

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A session id is a UUID; anything else cannot name a session, so it is a 404 like an unknown one. */
export class ParseSessionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SESSION_ID.test(value)) throw new NotFoundException('Session not found');
    return value;
  }
}
