/**
 * Stopping `npx lienthong worker` by the pid of npx (issue #12, item 3). npm runs the command as its
 * grandchild (npm → sh -c → node); a SIGTERM to npm kills the shell, which does not pass it on, and the
 * worker used to stay behind — reparented, still delivering. Now the worker sees its parent go, stops
 * gracefully (finishing what is in flight: "delivery workers stopped") and exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareWorld, type PreparedWorld } from '../../hub/sandbox/prepare-world';
import { useRedis } from '../helpers/redis';

const ROOT = join(__dirname, '..', '..');
const redis = useRedis();
let world: PreparedWorld;
let npx: ChildProcess | undefined;
let workerPid: number | undefined;

beforeAll(async () => {
  world = await prepareWorld({ redisUrl: redis.url, adapters: ['notify'], logLevel: 'info' });
});
afterAll(async () => {
  // Whatever happened, nothing this test started stays behind.
  if (workerPid && alive(workerPid)) process.kill(workerPid, 'SIGKILL');
  if (npx?.pid && alive(npx.pid)) npx.kill('SIGKILL');
  await world?.close();
});

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(safeRead(`/proc/${pid}/stat`));
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The node process running `lienthong worker` with this run's marker in its environment. */
function findWorker(marker: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = safeRead(`/proc/${entry}/cmdline`).split('\0');
    if (!/(^|\/)node$/.test(cmd[0]) || !cmd.includes('worker')) continue;
    if (safeRead(`/proc/${entry}/environ`).split('\0').includes(`NPX_STOP_TEST_MARKER=${marker}`))
      return Number(entry);
  }
  return undefined;
}

async function until<T>(what: string, fn: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('a SIGTERM to the pid of `npx lienthong worker` stops the worker too, gracefully', async () => {
  const marker = randomUUID();
  let output = '';
  npx = spawn('npx', ['lienthong', 'worker'], {
    cwd: ROOT,
    env: { ...world.env, NPX_STOP_TEST_MARKER: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  npx.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  npx.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await until('the worker to be ready', () =>
    output.includes('lienthong workers running') ? true : undefined,
  );
  workerPid = await until('the worker process', () => findWorker(marker), 10_000);
  expect(workerPid).not.toBe(npx.pid);

  npx.kill('SIGTERM');
  await until('the worker to exit', () => (alive(workerPid!) ? undefined : true), 30_000).catch((err) => {
    throw new Error(`${(err as Error).message}\n--- output ---\n${output}`);
  });
  expect(output).toContain('delivery workers stopped');
}, 120_000);
