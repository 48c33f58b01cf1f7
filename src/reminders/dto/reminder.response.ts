import { ApiProperty } from '@nestjs/swagger';
import { daysOf, Reminder } from '../reminder.entity';

export class ReminderResponse {
  @ApiProperty() id: number;
  @ApiProperty() habitId: number;
  @ApiProperty({ example: '08:30' }) time: string;
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] }) days: number[];
  @ApiProperty() onlyIfNotDone: boolean;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The next instant it fires; null when disabled or it never can' })
  nextAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function toReminderResponse(reminder: Reminder): ReminderResponse {
  return {
    id: reminder.id,
    habitId: reminder.habitId,
    time: reminder.time,
    days: daysOf(reminder),
    onlyIfNotDone: reminder.onlyIfNotDone,
    enabled: reminder.enabled,
    nextAt: reminder.nextAt === null ? null : new Date(Number(reminder.nextAt)).toISOString(),
    createdAt: new Date(Number(reminder.createdAt)).toISOString(),
    updatedAt: new Date(Number(reminder.updatedAt)).toISOString(),
  };
}
