import { ApiProperty } from '@nestjs/swagger';
import { HabitKind, HabitSchedule, TargetType } from '../habit-schedule';
import { HABIT_SCHEDULE_SCHEMAS } from '../habit-schedule.validator';
import { Habit } from '../habit.entity';

export class HabitResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Drink water' })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: Number, nullable: true })
  categoryId: number | null;

  @ApiProperty({ oneOf: HABIT_SCHEDULE_SCHEMAS })
  schedule: HabitSchedule;

  @ApiProperty({ enum: ['boolean', 'numeric'] })
  kind: HabitKind;

  @ApiProperty({ example: 1 })
  target: number;

  @ApiProperty({ enum: ['at_least', 'at_most'], nullable: true, description: 'null for boolean habits' })
  targetType: TargetType | null;

  @ApiProperty({ type: String, nullable: true })
  unit: string | null;

  @ApiProperty({ format: 'date', example: '2025-01-01' })
  startDate: string;

  @ApiProperty()
  archived: boolean;

  @ApiProperty({ example: 0 })
  position: number;

  @ApiProperty({ type: String, nullable: true, example: '#2196F3' })
  color: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export function toHabitResponse(habit: Habit): HabitResponse {
  return {
    id: habit.id,
    name: habit.name,
    description: habit.description,
    categoryId: habit.categoryId,
    schedule: habit.schedule,
    kind: habit.kind,
    target: habit.target,
    targetType: habit.kind === 'numeric' ? (habit.targetType ?? 'at_least') : null,
    unit: habit.unit,
    startDate: habit.startDate,
    archived: habit.archived,
    position: habit.position,
    color: habit.color,
    createdAt: habit.createdAt.toISOString(),
    updatedAt: habit.updatedAt.toISOString(),
  };
}
