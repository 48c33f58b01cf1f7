import { gunzipSync } from 'node:zlib';
import { inputProblem } from '../common/pipes/api-validation.pipe';
import { ACCOUNT_LIMITS } from '../users/account-limits';
import { readOurExport } from './json/our-export-reader';
import { CsvRowLimitError } from './loop/csv';
import { LOOP_CHECKMARKS_FILE, LOOP_HABITS_FILE } from './loop/loop-format';
import { readLoopExport } from './loop/loop-reader';
import { ImportFileError, PortableAccount } from './portable-account';
import { unzipText, UnzipLimits, ZipTooLargeError } from './zip/bounded-unzip';

/** API.md § Export and import: a body decoded from gzip, or a zip once inflated, holds at most 256 MB. */
export const IMPORT_DECODED_LIMIT_BYTES = 256 * 1024 * 1024;
/** A Loop export of 1,000 habits: a folder entry and 2 files per habit, and 3 more files. */
export const IMPORT_ZIP_LIMITS: UnzipLimits = { maxEntries: 3 * ACCOUNT_LIMITS.habits + 10, maxEntryBytes: IMPORT_DECODED_LIMIT_BYTES, maxTotalBytes: IMPORT_DECODED_LIMIT_BYTES };
const ZIP_FILE = 'the zip archive';
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The body of POST /api/import as sent, and what the request says about it. */
export interface ImportInput {
  body: Uint8Array;
  /** The media type (application/json, or a zip type). */
  zip: boolean;
  gzip: boolean;
  /** The user's today (a Loop habit without checkmarks starts today). */
  today: string;
}

/** Why a body cannot be imported: 400 (bad), 409 (limit) or 413 (too large). */
export class ImportRefusal extends Error {
  constructor(
    readonly status: 400 | 409 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Everything CPU-bound about an import body, run in the import worker (import-worker.ts), never on the
 * event loop: gzip decoding (bounded), UTF-8 and JSON parsing or unzipping (bounded), reading and
 * checking the file, and the limits a file alone can break (more distinct habits or categories than an
 * account may hold: a 409 whatever the account holds, before any row is read from the database).
 */
export function readImport(input: ImportInput): PortableAccount {
  try {
    const bytes = input.gzip ? gunzipBounded(input.body) : input.body;
    const account = input.zip ? readLoopExport(unzipText(bytes, ZIP_FILE, IMPORT_ZIP_LIMITS, isLoopInput), input.today, ACCOUNT_LIMITS.habits) : readJson(bytes, input.today);
    assertFileWithinLimits(account);
    return account;
  } catch (error) {
    if (error instanceof ImportFileError) throw new ImportRefusal(400, error.message);
    if (error instanceof ZipTooLargeError) throw new ImportRefusal(413, `Import refused: ${error.message}`);
    if (error instanceof CsvRowLimitError) throw new ImportRefusal(409, `An account holds at most ${ACCOUNT_LIMITS.habits} habits; ${error.message}`);
    throw error;
  }
}

function gunzipBounded(body: Uint8Array): Uint8Array {
  try {
    return gunzipSync(body, { maxOutputLength: IMPORT_DECODED_LIMIT_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ImportRefusal(413, `Import refused: the body decodes to more than ${IMPORT_DECODED_LIMIT_BYTES / 1024 / 1024} MB`);
    }
    throw new ImportRefusal(400, 'The body is not valid gzip (Content-Encoding: gzip)');
  }
}

function readJson(bytes: Uint8Array, today: string): PortableAccount {
  let document: unknown;
  try {
    document = JSON.parse(UTF8.decode(bytes));
  } catch (error) {
    throw new ImportRefusal(400, error instanceof SyntaxError ? `The body is not valid JSON: ${error.message}` : 'The body is not valid UTF-8');
  }
  const problem = inputProblem(document);
  if (problem !== null) throw new ImportRefusal(400, problem);
  return readOurExport(document, today);
}

/** Names are distinct within a file, so a file with more habits (categories) than an account may hold can never fit. */
function assertFileWithinLimits(account: PortableAccount): void {
  for (const kind of ['habits', 'categories'] as const) {
    if (account[kind].length > ACCOUNT_LIMITS[kind]) {
      throw new ImportRefusal(409, `An account holds at most ${ACCOUNT_LIMITS[kind]} ${kind}; this file alone has ${account[kind].length}`);
    }
  }
  const records = account.habits.reduce((sum, habit) => sum + habit.records.length, 0);
  if (records > ACCOUNT_LIMITS.records) throw new ImportRefusal(409, `An account holds at most ${ACCOUNT_LIMITS.records} records; this file alone has ${records}`);
}

/** The files the import reads: Habits.csv and each habit's Checkmarks.csv (scores are recomputed). */
function isLoopInput(path: string): boolean {
  return path === LOOP_HABITS_FILE || path.endsWith(`/${LOOP_HABITS_FILE}`) || path.endsWith(`/${LOOP_CHECKMARKS_FILE}`);
}
