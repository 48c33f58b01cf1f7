import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BadRequestException, ConflictException, Injectable, OnModuleDestroy, PayloadTooLargeException, ServiceUnavailableException } from '@nestjs/common';
import type { ImportJob, ImportJobResult } from './import-worker';
import type { ImportInput } from './import-reading';
import { PortableAccount } from './portable-account';

/** The worker's heap: a 256 MB JSON document parses into far more; past this the worker dies and the import is a 413. */
const WORKER_HEAP_MB = 1024;
const REFUSALS = { 400: BadRequestException, 409: ConflictException, 413: PayloadTooLargeException } as const;

/** Loads the worker module: compiled JavaScript in production, TypeScript (through ts-node) in development and tests. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.typescript) require('ts-node').register({ transpileOnly: true });
require(workerData.entry);
`;

interface Pending {
  resolve: (account: PortableAccount) => void;
  reject: (error: Error) => void;
}

/**
 * Reads import bodies (import-reading.ts) in one worker thread, so that decoding, parsing and checking a
 * file of up to 256 MB never runs on the event loop. One worker, jobs in turn: imports of several users
 * queue behind each other instead of taking every core. A worker that dies (out of memory on a huge
 * document) fails its jobs (413: too large to import) and is started again for the next one.
 */
@Injectable()
export class ImportReader implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  read(input: ImportInput): Promise<PortableAccount> {
    const id = this.nextId++;
    const job: ImportJob = { id, ...input };
    return new Promise<PortableAccount>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const body = input.body;
      const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && !(body.buffer instanceof SharedArrayBuffer);
      // The body's bytes move to the worker (no copy) when the buffer is the body's alone.
      this.running().postMessage(job, owned ? [body.buffer] : []);
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const typescript = __filename.endsWith('.ts');
    const entry = join(__dirname, `import-worker.${typescript ? 'ts' : 'js'}`);
    if (!existsSync(entry)) throw new ServiceUnavailableException('The import worker is missing');
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry, typescript }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    worker.on('message', (result: ImportJobResult) => this.settle(result));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('the import worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private settle(result: ImportJobResult): void {
    const pending = this.pending.get(result.id);
    if (!pending) return;
    this.pending.delete(result.id);
    if ('account' in result) pending.resolve(result.account);
    else if ('refusal' in result) pending.reject(new REFUSALS[result.refusal.status](result.refusal.message));
    else pending.reject(new Error(`The import worker failed: ${result.crash}`));
  }

  /** A worker that died fails what it held: out of memory on a huge document is a 413, anything else a 503. */
  private failAll(cause: Error): void {
    const outOfMemory = (cause as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    for (const pending of this.pending.values()) {
      pending.reject(outOfMemory ? new PayloadTooLargeException('Import refused: the file is too large to read') : new ServiceUnavailableException('The import worker stopped; try again'));
    }
    this.pending.clear();
  }
}
