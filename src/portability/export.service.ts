import { Readable } from 'node:stream';
import { Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { Zip, ZipDeflate } from 'fflate';
import { scoreSeries } from '../analytics/score';
import { AuthUser } from '../common/auth/auth-user';
import { toCategoryResponse } from '../categories/dto/category.response';
import { fromEpochDay, minDate, toEpochDay } from '../common/dates/calendar-date';
import { todayFor } from '../common/dates/user-today';
import { toHabitResponse } from '../habits/dto/habit.response';
import { Habit } from '../habits/habit.entity';
import { toRecordResponse, RecordResponse } from '../records/dto/record.response';
import { ExportHead, exportDocumentChunks } from './json/export-document';
import { LoopExportHabit, LoopFile, writeLoopExport } from './loop/loop-writer';
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

  /** Habits in list order (archived ones too), each with its records and its daily score from the oldest date listed. */
  async loop(user: AuthUser): Promise<StreamableFile> {
    const today = todayFor(user);
    const habits = await this.repository.habitsOf(user.id);
    const records = await Promise.all(habits.map((habit) => this.repository.recordsOfHabit(user.id, habit.id)));
    const from = habits.reduce((oldest, habit, i) => minDate(oldest, minDate(habit.startDate, records[i][0]?.date ?? today)), today);
    const exported = habits.map((habit, i) => loopHabit(habit, records[i], from, today));
    return new StreamableFile(zipped(writeLoopExport(exported, today)), { type: 'application/zip', disposition: attachment(`Loop Habits CSV ${today}.zip`) });
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
  const first = toEpochDay(from);
  const scores = new Map(series.map((score, i) => [fromEpochDay(first + i), score]));
  return { name, description, schedule, kind, target, targetType, unit, startDate, archived, color, records, scores };
}

/** The files deflated one after the other into a zip stream (fflate). */
function zipped(files: readonly LoopFile[]): Readable {
  const stream = new Readable({ read: () => undefined });
  const zip = new Zip((error, chunk, final) => {
    if (error) return void stream.destroy(error);
    stream.push(chunk);
    if (final) stream.push(null);
  });
  for (const file of files) {
    const entry = new ZipDeflate(file.path, { level: 6 });
    zip.add(entry);
    entry.push(new TextEncoder().encode(file.text), true);
  }
  zip.end();
  return stream;
}

function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
