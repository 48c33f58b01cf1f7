import { ApiProperty } from '@nestjs/swagger';
import type {
  ComplianceReport,
  DayPerformance,
  DayStatus,
  HabitCompliance,
  HabitDay,
  HabitReport,
  HabitStreak,
  PerformanceReport,
} from './analytics.types';

const DAY_STATUSES: DayStatus[] = ['done', 'skipped', 'partial', 'missed', 'pending', 'none'];

/** OpenAPI shapes of the analytics reports (the values are built by the pure functions). */
export class PerformanceTotalsResponse {
  @ApiProperty() due: number;
  @ApiProperty() done: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: Number, nullable: true, description: 'done / due, 4 decimals; null when due is 0' })
  rate: number | null;
}

export class DayPerformanceResponse extends PerformanceTotalsResponse implements DayPerformance {
  @ApiProperty({ format: 'date' }) date: string;
}

export class PerformanceReportResponse implements PerformanceReport {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: DayPerformanceResponse, isArray: true, description: 'One per date of the range, oldest first' })
  days: DayPerformanceResponse[];
  @ApiProperty({ type: PerformanceTotalsResponse }) totals: PerformanceTotalsResponse;
}

export class HabitComplianceResponse extends PerformanceTotalsResponse implements HabitCompliance {
  @ApiProperty() habitId: number;
  @ApiProperty() name: string;
  @ApiProperty() currentStreak: number;
  @ApiProperty() bestStreak: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: "Habit strength on `to` (Loop Habit Tracker's score), 4 decimals" })
  score: number;
}

export class ComplianceReportResponse implements ComplianceReport {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: HabitComplianceResponse, isArray: true, description: 'One per non-archived habit, by position' })
  habits: HabitComplianceResponse[];
}

export class HabitDayResponse implements HabitDay {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DAY_STATUSES }) status: DayStatus;
  @ApiProperty({ type: Number, nullable: true, description: "The record's value, or null" }) value: number | null;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Habit strength on this date, 4 decimals' }) score: number;
}

export class HabitStreakResponse implements HabitStreak {
  @ApiProperty({ format: 'date' }) start: string;
  @ApiProperty({ format: 'date' }) end: string;
  @ApiProperty({ description: 'Occurrences in the run' }) length: number;
}

export class HabitReportResponse extends PerformanceTotalsResponse implements HabitReport {
  @ApiProperty() habitId: number;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty() currentStreak: number;
  @ApiProperty() bestStreak: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Habit strength on `to`, 4 decimals' }) score: number;
  @ApiProperty({ type: HabitDayResponse, isArray: true, description: 'One per date of the range, oldest first' })
  days: HabitDayResponse[];
  @ApiProperty({ type: HabitStreakResponse, isArray: true, description: 'Every streak ending within the range, oldest first' })
  streaks: HabitStreakResponse[];
}
