/**
 * The default AuditFileWriter: keeps each file it appends to open (a chain writes one segment and
 * heads.jsonl at a time), writes each batch with one write call, and optionally fsyncs it.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { AuditFileWriter } from './types';

/** How many files stay open; older ones (yesterday's segment) are closed. */
const MAX_OPEN = 4;

export function createFileWriter(options: { fsync?: boolean } = {}): AuditFileWriter {
  const handles = new Map<string, FileHandle>();

  async function handleFor(path: string): Promise<FileHandle> {
    const open_ = handles.get(path);
    if (open_) {
      // Re-insert so the map stays in least-recently-used order.
      handles.delete(path);
      handles.set(path, open_);
      return open_;
    }
    const fh = await open(path, 'a', 0o640);
    handles.set(path, fh);
    if (handles.size > MAX_OPEN) {
      const [oldest, oldHandle] = handles.entries().next().value as [string, FileHandle];
      handles.delete(oldest);
      await oldHandle.close();
    }
    return fh;
  }

  return {
    async append(path, data) {
      const fh = await handleFor(path);
      const buf = Buffer.from(data, 'utf8');
      let offset = 0;
      // A regular-file write is normally complete in one call; loop in case the kernel takes less.
      while (offset < buf.length) {
        const { bytesWritten } = await fh.write(buf, offset, buf.length - offset);
        offset += bytesWritten;
      }
      if (options.fsync) await fh.datasync();
    },
    async close() {
      const all = [...handles.values()];
      handles.clear();
      await Promise.all(all.map((fh) => fh.close()));
    },
  };
}
