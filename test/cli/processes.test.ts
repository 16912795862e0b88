/**
 * `--processes N` (hub/cli/processes.ts, shared by `serve` and `worker`), through `serve`: a count out of range
 * is refused before anything starts, and a group whose processes cannot start (here: a trust dir that does
 * not exist) ends with an error and says so, rather than starting them again for ever. The running group —
 * ready line, shared port, restart of a crashed process, SIGTERM — is exercised by test/faults/two-hubs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLienthong } from '../helpers/processes';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lienthong-processes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({
  ...(process.env as Record<string, string>),
  LIENTHONG_TRUST_DIR: join(dir, 'no-such-trust-dir'),
  LIENTHONG_AUDIT_DIR: join(dir, 'audit'),
  LIENTHONG_SUBJECT_KEY_FILE: join(dir, 'subject.key'),
  LIENTHONG_ADMIN_TOKEN_FILE: join(dir, 'admin.token'),
  LIENTHONG_LOG_LEVEL: 'warn',
});

it('refuses a --processes that is not a count from 1 to 64', async () => {
  const r = await runLienthong(['serve', '--port', '0', '--processes', '65'], env());
  expect(r.code).toBe(2);
  expect(r.output).toContain('--processes must be an integer from 1 to 64');
});

it('serve --processes 2 ends with an error when its processes cannot start', async () => {
  const r = await runLienthong(['serve', '--processes', '2', '--port', '0'], env(), 60_000);
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.output).toContain('a process ended before it was ready');
  expect(r.output).not.toContain('starting it again');
}, 90_000);
