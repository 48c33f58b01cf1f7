import { NotFoundException, PipeTransform } from '@nestjs/common';

const MAX_ID = 2_147_483_647;

/**
 * Path ids are positive integers. Anything else cannot name an existing
 * resource, so it is a 404 like any other unknown id (API.md: never reveal existence).
 */
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > MAX_ID) throw new NotFoundException('Not found');
    return Number(value);
  }
}
