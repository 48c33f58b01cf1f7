import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { BatchDeleteItemDto, BatchPutItemDto, MAX_BATCH_ITEMS, RecordBatchDto } from './dto/record-batch.dto';
import { keyOf } from './record-keys';

export interface ParsedBatch {
  puts: BatchPutItemDto[];
  deletes: BatchDeleteItemDto[];
}

type ItemClass = typeof BatchPutItemDto | typeof BatchDeleteItemDto;

/**
 * Validates every item of a batch before anything is written: its size (1..500 items in all),
 * each item's fields (messages name the item: `put[3].date must be …`), and that no (habitId,
 * date) appears twice. Throws one 400 listing every problem.
 */
export function parseRecordBatch(body: RecordBatchDto): ParsedBatch {
  const puts = body.put ?? [];
  const deletes = body.delete ?? [];
  const total = puts.length + deletes.length;
  if (total < 1 || total > MAX_BATCH_ITEMS) {
    throw new BadRequestException(`a batch holds 1 to ${MAX_BATCH_ITEMS} items (put and delete together), got ${total}`);
  }
  const problems: string[] = [];
  const parsed = {
    puts: puts.map((item, index) => parseItem(BatchPutItemDto, item, `put[${index}]`, problems)),
    deletes: deletes.map((item, index) => parseItem(BatchDeleteItemDto, item, `delete[${index}]`, problems)),
  };
  if (problems.length === 0) problems.push(...duplicates(parsed));
  if (problems.length > 0) throw new BadRequestException(problems);
  return parsed as ParsedBatch;
}

function parseItem<T extends ItemClass>(type: T, item: unknown, name: string, problems: string[]): InstanceType<T> | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push(`${name} must be an object`);
    return null;
  }
  const instance = plainToInstance(type, item) as InstanceType<T>;
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  problems.push(...errors.flatMap((error) => messagesOf(error, name)));
  return instance;
}

function messagesOf(error: ValidationError, name: string): string[] {
  return Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
    constraint === 'whitelistValidation' ? `${name}.${error.property} should not exist` : `${name}.${message}`,
  );
}

function duplicates(batch: { puts: (BatchPutItemDto | null)[]; deletes: (BatchDeleteItemDto | null)[] }): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const items = [...batch.puts.map((item, index) => [item, `put[${index}]`] as const), ...batch.deletes.map((item, index) => [item, `delete[${index}]`] as const)];
  for (const [item, name] of items) {
    if (!item) continue;
    const first = seen.get(keyOf(item));
    if (first) problems.push(`${name} repeats the (habitId, date) of ${first}`);
    else seen.set(keyOf(item), name);
  }
  return problems;
}
