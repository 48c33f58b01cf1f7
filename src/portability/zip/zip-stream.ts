import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Zip, ZipDeflate } from 'fflate';

/** A file of a streamed zip: its path and its text in pieces, produced as they are read. */
export interface StreamedFile {
  path: string;
  chunks: Iterable<string>;
}

const ENCODER = new TextEncoder();

/**
 * A zip (deflated with fflate) streamed from files produced lazily: one text chunk is deflated at a
 * time, the event loop gets a turn after each, and production waits while the reader is behind
 * (the stream's buffer past its high-water mark), so memory holds a few chunks, not the archive.
 * A stream destroyed meanwhile (the client has gone: Fastify destroys it) stops production.
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
  void (async () => {
    for await (const file of files) {
      const entry = new ZipDeflate(file.path, { level: 6 });
      zip.add(entry);
      for (const chunk of file.chunks) {
        if (stream.destroyed) return;
        entry.push(ENCODER.encode(chunk), false);
        await turn();
      }
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
  })().catch((error: Error) => stream.destroy(error));
  stream.on('close', () => wake?.());
  return stream;
}
