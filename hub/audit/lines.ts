/**
 * Streams the lines of a JSONL file with their 1-based numbers, and says whether the last one was cut
 * (no newline at the end) — which a writer that always writes whole lines never leaves behind.
 */
import { createReadStream } from 'node:fs';

export interface FileLine {
  text: string;
  lineNo: number;
  /** False for a last line with no newline after it. */
  terminated: boolean;
}

export async function* readLines(path: string): AsyncGenerator<FileLine> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let lineNo = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    const buf = rest + chunk;
    let start = 0;
    for (let at = buf.indexOf('\n'); at >= 0; at = buf.indexOf('\n', start)) {
      yield { text: buf.slice(start, at), lineNo: ++lineNo, terminated: true };
      start = at + 1;
    }
    rest = buf.slice(start);
  }
  if (rest.length > 0) yield { text: rest, lineNo: lineNo + 1, terminated: false };
}
