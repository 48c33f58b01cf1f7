import { ApiProperty } from '@nestjs/swagger';
import type { ComplianceReport, DayPerformance, HabitCompliance, PerformanceReport } from './analytics.types';

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
}

export class ComplianceReportResponse implements ComplianceReport {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: HabitComplianceResponse, isArray: true, description: 'One per non-archived habit, by position' })
  habits: HabitComplianceResponse[];
}
