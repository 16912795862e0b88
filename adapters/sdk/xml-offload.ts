/**
 * Large SOAP answers are read in a worker thread, so that parsing and verifying a big answer and turning
 * it into plain data never holds the event loop (finding: 1.9 MB of sibling elements held every other request for ~1 s).
 * The worker runs the same pure reader (./soap-answer.ts) that small answers run inline; the parser's
 * limits (./xml-limits.ts) bound its work too. One worker per process, started on first use, not keeping
 * the process alive while idle, started again if it dies (its jobs then fail as unreadable answers).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SoapReadOptions, SoapReading } from './soap-answer';

/** Answers up to this many bytes are read inline: reading them costs less than a worker round trip. */
export const INLINE_ANSWER_BYTES = 16_384;

interface Pending {
  resolve(reading: SoapReading): void;
  upstream: string;
  status: number;
}

interface ReaderThread {
  worker: Worker;
  jobs: Map<number, Pending>;
}

let current: ReaderThread | undefined;
let nextId = 1;

/** Under ts-jest or tsx this file is TypeScript; the worker then loads its entry through tsx. */
function startThread(): ReaderThread {
  const typescript = __filename.endsWith('.ts');
  const entry = join(__dirname, `soap-answer-worker.${typescript ? 'ts' : 'js'}`);
  const options = { resourceLimits: { maxOldGenerationSizeMb: 256 } };
  const worker = typescript
    ? new Worker(
        `require(${JSON.stringify(require.resolve('tsx/cjs'))});require(${JSON.stringify(entry)});`,
        {
          ...options,
          eval: true,
        },
      )
    : new Worker(entry, options);
  const thread: ReaderThread = { worker, jobs: new Map() };
  worker.on('message', ({ id, reading }: { id: number; reading: SoapReading }) => {
    const job = thread.jobs.get(id);
    thread.jobs.delete(id);
    if (thread.jobs.size === 0) worker.unref();
    job?.resolve(reading);
  });
  // A worker that dies (a bug, or its memory limit) fails its jobs as unreadable answers.
  const fail = () => {
    if (current === thread) current = undefined;
    for (const job of thread.jobs.values())
      job.resolve({
        ok: false,
        error: {
          upstream: job.upstream,
          code: 'malformed',
          status: job.status,
          reason: 'the answer could not be read',
        },
      });
    thread.jobs.clear();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  worker.unref();
  return thread;
}

/** Reads one answer in the worker thread; resolves like readSoapAnswer (never rejects). */
export function readSoapAnswerOffThread(
  data: Uint8Array,
  status: number,
  opts: SoapReadOptions,
): Promise<SoapReading> {
  const thread = (current ??= startThread());
  thread.worker.ref();
  return new Promise((resolve) => {
    const id = nextId++;
    thread.jobs.set(id, { resolve, upstream: opts.upstream, status });
    // The answer's bytes are handed over, not copied, when they fill their own buffer (a large
    // Buffer.concat result does): no copy of megabytes on the main thread.
    const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    const bytes = own ? data : new Uint8Array(data);
    thread.worker.postMessage({ id, data: bytes, status, opts }, [bytes.buffer as ArrayBuffer]);
  });
}
