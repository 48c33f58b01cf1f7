import { Readable } from 'node:stream';
import { Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { scoreSeries } from '../analytics/score';
import { AuthUser } from '../common/auth/auth-user';
import { toCategoryResponse } from '../categories/dto/category.response';
import { minDate, toEpochDay } from '../common/dates/calendar-date';
import { todayFor } from '../common/dates/user-today';
import { toHabitResponse } from '../habits/dto/habit.response';
import { Habit } from '../habits/habit.entity';
import { toRecordResponse, RecordResponse } from '../records/dto/record.response';
import { ExportHead, exportDocumentChunks } from './json/export-document';
import { LoopExportHabit, LoopFileChunks, loopExportFiles, ScoreLookup } from './loop/loop-writer';
import { zipStream } from './zip/zip-stream';
import { PortabilityRepository } from './portability.repository';
import { PortableRecord } from './portable-account';

const RECORDS_PAGE = 1000;

/** GET /api/export (our JSON, streamed from paged reads) and GET /api/export/loop (Loop's CSV zip). */
@Injectable()
export class ExportService {
  constructor(private readonly repository: PortabilityRepository) {}

  /** The head (profile, categories, habits) is read before answering, the records page by page while streaming. */
  async json(user: AuthUser): Promise<StreamableFile> {
    const head = await this.head(user);
    const habitIds = new Set(head.habits.map((habit) => habit.id));
    const stream = Readable.from(exportDocumentChunks(head, this.recordPages(user.id, habitIds)));
    return new StreamableFile(stream, { type: 'application/json; charset=utf-8', disposition: attachment(`habits-${head.exportedAt.slice(0, 10)}.json`) });
  }

  /**
   * Habits in list order (archived ones too), each with its records and its daily score from the oldest
   * date listed. Streamed: the answer starts at once; each habit's series is computed in its own slice
   * (a turn of the event loop between habits), kept as a Float64Array, and the files are deflated chunk by
   * chunk as the client reads them. A client that goes away stops the work (the stream is destroyed).
   */
  async loop(user: AuthUser): Promise<StreamableFile> {
    const today = todayFor(user);
    const habits = await this.repository.habitsOf(user.id);
    let stream: Readable | null = null;
    const repository = this.repository;
    async function* files(): AsyncGenerator<LoopFileChunks> {
      const records: PortableRecord[][] = [];
      for (const habit of habits) {
        if (stream?.destroyed) return;
        records.push(await repository.recordsOfHabit(user.id, habit.id));
      }
      const from = habits.reduce((oldest, habit, i) => minDate(oldest, minDate(habit.startDate, records[i][0]?.date ?? today)), today);
      const exported: LoopExportHabit[] = [];
      for (const [i, habit] of habits.entries()) {
        if (stream?.destroyed) return;
        exported.push(loopHabit(habit, records[i], from, today));
        await nextTurn();
      }
      yield* loopExportFiles(exported, today);
    }
    stream = zipStream(files());
    return new StreamableFile(stream, { type: 'application/zip', disposition: attachment(`Loop Habits CSV ${today}.zip`) });
  }

  private async head(user: AuthUser): Promise<ExportHead> {
    const profile = await this.repository.findUser(user.id);
    if (!profile) throw new NotFoundException('User not found');
    const categories = await this.repository.categoriesOf(user.id);
    const names = new Map(categories.map((category) => [category.id, category.name]));
    const habits = await this.repository.habitsOf(user.id);
    return {
      exportedAt: new Date().toISOString(),
      user: { displayName: profile.displayName, timezone: profile.timezone, dayStartHour: profile.dayStartHour },
      categories: categories.map(toCategoryResponse),
      habits: habits.map((habit) => ({ ...toHabitResponse(habit), categoryName: habit.categoryId === null ? null : (names.get(habit.categoryId) ?? null) })),
    };
  }

  /**
   * The pages are read while the answer streams, outside any transaction (which would hold SQLite's one
   * connection for as long as the client reads): records of a habit created meanwhile are left out, so
   * that every record of the document refers to one of its habits.
   */
  private async *recordPages(userId: number, habitIds: ReadonlySet<number>): AsyncGenerator<RecordResponse[]> {
    for (let afterId = 0; ; ) {
      const page = await this.repository.recordsPage(userId, afterId, RECORDS_PAGE);
      if (page.length === 0) return;
      yield page.filter((record) => habitIds.has(record.habitId)).map(toRecordResponse);
      afterId = page[page.length - 1].id;
    }
  }
}

function loopHabit(habit: Habit, records: PortableRecord[], from: string, today: string): LoopExportHabit {
  const { name, description, schedule, kind, target, unit, startDate, archived, color } = habit;
  const targetType = kind === 'numeric' ? (habit.targetType ?? 'at_least') : null;
  const series = scoreSeries({ schedule, kind, target, targetType, startDate }, records, { from, to: today }, today);
  return { name, description, schedule, kind, target, targetType, unit, startDate, archived, color, records, scores: new SeriesScores(from, series) };
}

let lastDay = { date: '', day: 0 };

/** A daily score series from `from`, 8 bytes a day (a Map of date strings took ~100 bytes a day). */
class SeriesScores implements ScoreLookup {
  private readonly first: number;
  private readonly values: Float64Array;

  constructor(from: string, series: readonly number[]) {
    this.first = toEpochDay(from);
    this.values = Float64Array.from(series);
  }

  get(date: string): number | undefined {
    // A line of the top-level Scores.csv asks every habit for the same date: parse it once.
    if (date !== lastDay.date) lastDay = { date, day: toEpochDay(date) };
    const index = lastDay.day - this.first;
    return index >= 0 && index < this.values.length ? this.values[index] : undefined;
  }
}

function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
