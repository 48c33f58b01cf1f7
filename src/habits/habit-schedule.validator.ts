import { ValidationOptions, registerDecorator } from 'class-validator';
import type { SchemaObject } from '@nestjs/swagger';
import { HabitSchedule } from './habit-schedule';

type ScheduleType = HabitSchedule['type'];

/** The keys each schedule type allows, besides `type`. */
const SCHEDULE_FIELDS: Record<ScheduleType, string[]> = {
  daily: [],
  weekdays: ['days'],
  every_n_days: ['n'],
  per_week: ['times'],
  per_period: ['times', 'days'],
};

const SCHEDULE_TYPES = Object.keys(SCHEDULE_FIELDS) as ScheduleType[];

/** Validates the discriminated union of API.md strictly; the message names the bad field. */
export function IsHabitSchedule(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isHabitSchedule',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => scheduleProblem(value) === null,
        defaultMessage: (args) => scheduleProblem(args?.value) ?? 'schedule is invalid',
      },
    });
}

/** What is wrong with a schedule, or null when it is valid. */
export function scheduleProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'schedule must be an object with a type';
  }
  const schedule = value as Record<string, unknown>;
  const type = schedule.type as ScheduleType;
  if (typeof type !== 'string' || !SCHEDULE_TYPES.includes(type)) {
    return `schedule.type must be one of: ${SCHEDULE_TYPES.join(', ')}`;
  }
  const extra = Object.keys(schedule).find((key) => key !== 'type' && !SCHEDULE_FIELDS[type].includes(key));
  if (extra !== undefined) return `schedule.${extra} is not allowed for schedule type ${type}`;
  return fieldProblem(type, schedule);
}

function fieldProblem(type: ScheduleType, schedule: Record<string, unknown>): string | null {
  switch (type) {
    case 'daily':
      return null;
    case 'weekdays':
      return daysProblem(schedule.days);
    case 'every_n_days':
      return isIntegerIn(schedule.n, 2, 365) ? null : 'schedule.n must be an integer from 2 to 365';
    case 'per_week':
      return isIntegerIn(schedule.times, 1, 7) ? null : 'schedule.times must be an integer from 1 to 7';
    case 'per_period':
      return periodProblem(schedule.times, schedule.days);
  }
}

/** `per_period`: a block of 2..365 days holding a quota of 1..days. */
function periodProblem(times: unknown, days: unknown): string | null {
  if (!isIntegerIn(days, 2, 365)) return 'schedule.days must be an integer from 2 to 365';
  const length = days as number;
  if (!isIntegerIn(times, 1, length)) return `schedule.times must be an integer from 1 to schedule.days (${length})`;
  return null;
}

function daysProblem(days: unknown): string | null {
  const valid =
    Array.isArray(days) &&
    days.length > 0 &&
    days.every((day) => isIntegerIn(day, 1, 7)) &&
    new Set(days).size === days.length;
  return valid ? null : 'schedule.days must be a non-empty array of unique integers from 1 (Monday) to 7 (Sunday)';
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A fresh copy of a valid schedule, with `weekdays` days sorted. */
export function normalizeSchedule(schedule: HabitSchedule): HabitSchedule {
  switch (schedule.type) {
    case 'daily':
      return { type: 'daily' };
    case 'weekdays':
      return { type: 'weekdays', days: [...schedule.days].sort((a, b) => a - b) };
    case 'every_n_days':
      return { type: 'every_n_days', n: schedule.n };
    case 'per_week':
      return { type: 'per_week', times: schedule.times };
    case 'per_period':
      return { type: 'per_period', times: schedule.times, days: schedule.days };
  }
}

function scheduleSchema(type: ScheduleType, properties: Record<string, SchemaObject> = {}): SchemaObject {
  return {
    type: 'object',
    properties: { type: { type: 'string', enum: [type] }, ...properties },
    required: ['type', ...Object.keys(properties)],
    additionalProperties: false,
  };
}

/** OpenAPI description of the union, for `@ApiProperty`. */
export const HABIT_SCHEDULE_SCHEMAS: SchemaObject[] = [
  scheduleSchema('daily'),
  scheduleSchema('weekdays', {
    days: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, minItems: 1, uniqueItems: true },
  }),
  scheduleSchema('every_n_days', { n: { type: 'integer', minimum: 2, maximum: 365 } }),
  scheduleSchema('per_week', { times: { type: 'integer', minimum: 1, maximum: 7 } }),
  scheduleSchema('per_period', {
    times: { type: 'integer', minimum: 1, maximum: 365, description: 'At most `days`' },
    days: { type: 'integer', minimum: 2, maximum: 365 },
  }),
];
