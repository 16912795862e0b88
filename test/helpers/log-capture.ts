/** Test helper: a pino logger (the hub's, redaction and all) whose JSON lines are kept in an array. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../hub/observability/logger';

export function captureLog(level = 'info'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  });
  return { logger: createLogger(level, stream), lines };
}
