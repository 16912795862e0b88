/**
 * One writer per chain: a LOCK file naming the host and process that writes the chain. Two processes
 * appending to one chain would interleave two sequences and break it, which happens easily when
 * replicas are configured with the same node id. The holder touches the file every STALE_MS / 4.
 * A lock is taken over when its owner is gone: a dead pid on this host, this very pid but not held by
 * this process (a container restarted as pid 1 again), or another host that stopped touching it.
 */
import { openSync, writeSync, closeSync, readFileSync, unlinkSync, statSync, utimesSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from './layout';

/** Raised when another process holds the chain. */
export class AuditLockedError extends Error {
  override readonly name = 'AuditLockedError';
}

/** A lock from another host untouched for this long is stale. */
export const STALE_MS = 120_000;

/** Chain directories locked by this process. */
const held = new Set<string>();

interface LockOwner {
  host: string;
  pid: number;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, JSON.stringify(owner) + '\n');
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function isStale(path: string, owner: LockOwner | undefined, me: LockOwner): boolean {
  if (owner === undefined) return true;
  if (owner.host !== me.host) return Date.now() - statSync(path).mtimeMs > STALE_MS;
  if (owner.pid === me.pid) return !held.has(path);
  return !isAlive(owner.pid);
}

/** Takes the chain's lock; returns the function that releases it. */
export function acquireChainLock(chainDir: string): () => void {
  const path = join(chainDir, LOCK_FILE);
  const me: LockOwner = { host: hostname(), pid: process.pid, since: new Date().toISOString() };
  if (!tryCreate(path, me)) {
    const owner = readOwner(path);
    if (!isStale(path, owner, me)) {
      throw new AuditLockedError(
        `audit chain ${chainDir} is being written by ${owner?.host} pid ${owner?.pid} since ${owner?.since}; ` +
          'give each hub process its own nodeId',
      );
    }
    unlinkSync(path);
    if (!tryCreate(path, me))
      throw new AuditLockedError(`audit chain ${chainDir} was locked by another process`);
  }
  held.add(path);
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // A lost heartbeat only lets another host take over after STALE_MS; nothing to do here.
    }
  }, STALE_MS / 4);
  heartbeat.unref();
  return () => {
    clearInterval(heartbeat);
    held.delete(path);
    const owner = readOwner(path);
    if (owner && owner.host === me.host && owner.pid === me.pid) unlinkSync(path);
  };
}
