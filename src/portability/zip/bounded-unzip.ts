import { Unzip, UnzipFile, UnzipInflate } from 'fflate';
import { ImportFileError } from '../portable-account';

export interface UnzipLimits {
  /** Entries in the archive (wanted or not). */
  maxEntries: number;
  /** Inflated bytes of one wanted entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all wanted entries together. */
  maxTotalBytes: number;
}

/** A zip that inflates (or lists) past a limit: the import answers 413. */
export class ZipTooLargeError extends Error {}

/**
 * Input is fed to the inflater this many bytes at a time: DEFLATE expands at most ~1032×, so no single
 * step can produce more than ~4 MB, and the limits are checked between steps (bounded time and memory).
 */
const STEP_BYTES = 4096;
const ZIP_SIGNATURES = ['504b0304', '504b0506'];
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of the archive's wanted entries (UTF-8), inflated with fflate's streaming API while counting
 * bytes: an entry or a total past the limits, or too many entries, stops it with ZipTooLargeError.
 * Not a zip, a damaged one, an unsupported compression or text that is not UTF-8: ImportFileError.
 */
export function unzipText(archive: Uint8Array, fileName: string, limits: UnzipLimits, wanted: (path: string) => boolean): Map<string, string> {
  if (archive.length < 4 || !ZIP_SIGNATURES.includes(Buffer.from(archive.subarray(0, 4)).toString('hex'))) {
    throw new ImportFileError(fileName, null, 'not a zip archive');
  }
  const state = new UnzipState(fileName, limits, wanted);
  const unzip = new Unzip((file) => state.onFile(file));
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < archive.length && state.failure === null; offset += STEP_BYTES) {
      unzip.push(archive.subarray(offset, offset + STEP_BYTES), offset + STEP_BYTES >= archive.length);
    }
  } catch (error) {
    state.fail(error instanceof ZipTooLargeError || error instanceof ImportFileError ? error : damaged(fileName));
  }
  if (state.failure !== null) throw state.failure;
  return state.texts();
}

class UnzipState {
  failure: Error | null = null;
  private entries = 0;
  private total = 0;
  private readonly chunks = new Map<string, Uint8Array[]>();
  private readonly complete = new Set<string>();

  constructor(
    private readonly fileName: string,
    private readonly limits: UnzipLimits,
    private readonly wanted: (path: string) => boolean,
  ) {}

  onFile(file: UnzipFile): void {
    if (this.failure !== null) return;
    if (++this.entries > this.limits.maxEntries) return this.fail(new ZipTooLargeError(`the archive holds more than ${this.limits.maxEntries} files`));
    if (file.name.endsWith('/') || !this.wanted(file.name)) return;
    if (this.chunks.has(file.name)) return this.fail(new ImportFileError(file.name, null, 'is in the archive twice'));
    const parts: Uint8Array[] = [];
    this.chunks.set(file.name, parts);
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (this.failure !== null) return;
      if (error) return this.fail(damaged(this.fileName));
      size += chunk.length;
      this.total += chunk.length;
      if (size > this.limits.maxEntryBytes) return this.stop(file, `${file.name} inflates past ${this.limits.maxEntryBytes} bytes`);
      if (this.total > this.limits.maxTotalBytes) return this.stop(file, `the archive inflates past ${this.limits.maxTotalBytes} bytes`);
      parts.push(chunk);
      if (final) this.complete.add(file.name);
    };
    try {
      file.start();
    } catch {
      this.fail(new ImportFileError(file.name, null, `uses a compression method this server cannot read (${file.compression})`));
    }
  }

  fail(error: Error): void {
    if (this.failure === null) this.failure = error;
  }

  texts(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const [name, parts] of this.chunks) {
      if (!this.complete.has(name)) throw damaged(this.fileName);
      try {
        texts.set(name, UTF8.decode(Buffer.concat(parts)));
      } catch {
        throw new ImportFileError(name, null, 'is not UTF-8 text');
      }
    }
    return texts;
  }

  private stop(file: UnzipFile, message: string): void {
    this.fail(new ZipTooLargeError(message));
    file.terminate();
  }
}

function damaged(fileName: string): ImportFileError {
  return new ImportFileError(fileName, null, 'the zip archive is damaged or incomplete');
}
