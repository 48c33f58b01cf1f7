import { parentPort } from 'node:worker_threads';
import { ImportInput, ImportRefusal, readImport } from './import-reading';

/** A job of ImportReader (import-reader.ts) and its answer. */
export interface ImportJob extends ImportInput {
  id: number;
}

export type ImportJobResult =
  | { id: number; account: ReturnType<typeof readImport> }
  | { id: number; refusal: { status: ImportRefusal['status']; message: string } }
  | { id: number; crash: string };

/** The import worker's loop: one job at a time, each answered with the account read, a refusal or a crash. */
function serve(port: NonNullable<typeof parentPort>): void {
  port.on('message', (job: ImportJob) => {
    let result: ImportJobResult;
    try {
      result = { id: job.id, account: readImport(job) };
    } catch (error) {
      if (error instanceof ImportRefusal) result = { id: job.id, refusal: { status: error.status, message: error.message } };
      else result = { id: job.id, crash: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(result);
  });
}

if (parentPort) serve(parentPort);
