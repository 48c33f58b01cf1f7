import { once } from 'node:events';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { crc32, createDeflateRaw, DeflateRaw } from 'node:zlib';
import { AsyncFlateStreamHandler, Zip, ZipInputFile } from 'fflate';

/** A file of a streamed zip: its path and its text in pieces, produced as they are read. */
export interface StreamedFile {
  path: string;
  chunks: Iterable<string>;
}

/**
 * A zip streamed from files produced lazily. fflate writes the archive's headers; the DEFLATE itself is
 * Node's zlib, which runs on libuv's thread pool (10× faster than fflate's JavaScript, and off the event
 * loop). Production waits while the deflater or the reader is behind, and the event loop gets a turn
 * after each text chunk, so memory holds a few chunks, not the archive. A stream destroyed meanwhile
 * (the client has gone: Fastify destroys it) stops production.
 */
export function zipStream(files: AsyncIterable<StreamedFile>): Readable {
  let wake: (() => void) | null = null;
  const stream = new Readable({
    read: () => {
      wake?.();
      wake = null;
    },
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) return void stream.destroy(error);
    stream.push(chunk);
    if (final) stream.push(null);
  });
  const turn = async (): Promise<void> => {
    await nextTurn();
    while (!stream.destroyed && stream.readableLength > stream.readableHighWaterMark) await new Promise<void>((resolve) => (wake = resolve));
  };
  stream.on('close', () => wake?.());
  void (async () => {
    for await (const file of files) {
      const entry = new DeflatedEntry(file.path);
      zip.add(entry);
      for (const chunk of file.chunks) {
        if (stream.destroyed) return entry.abandon();
        await entry.push(chunk);
        await turn();
      }
      await entry.end();
    }
    zip.end();
  })().catch((error: Error) => stream.destroy(error));
  return stream;
}

/** A zip entry deflated by zlib; size and CRC-32 are known once it ends, as fflate's data descriptor needs. */
class DeflatedEntry implements ZipInputFile {
  readonly compression = 8;
  crc = 0;
  size = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly deflater: DeflateRaw = createDeflateRaw({ level: 6 });
  private readonly ended: Promise<unknown>;

  constructor(readonly filename: string) {
    this.deflater.on('data', (chunk: Buffer) => this.ondata?.(null, chunk, false));
    this.ended = once(this.deflater, 'end');
  }

  /** Resolves once the deflater can take more. */
  async push(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (!this.deflater.write(bytes)) await once(this.deflater, 'drain');
  }

  async end(): Promise<void> {
    this.deflater.end();
    await this.ended;
    this.ondata?.(null, new Uint8Array(0), true);
  }

  abandon(): void {
    this.deflater.destroy();
  }
}
