/**
 * The worker process's own HTTP server (node:http, no framework): GET /metrics (Prometheus: the
 * worker's counters, its breakers and the process's own figures) and GET /healthz (200 while the
 * workers run and Redis answers, 503 otherwise). Bound to the configured host, 127.0.0.1 by default.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';

export interface WorkerHttp {
  url: string;
  close(): Promise<void>;
}

export async function startWorkerHttp(opts: {
  host: string;
  port: number;
  registry: Registry;
  /** Whether the worker is healthy, and what it says about itself. */
  health(): Promise<{ ok: boolean; detail: Record<string, unknown> }>;
}): Promise<WorkerHttp> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return reply(405, 'text/plain', 'method not allowed\n');
    if (path === '/metrics') {
      void opts.registry.metrics().then(
        (text) => reply(200, opts.registry.contentType, text),
        () => reply(500, 'text/plain', 'metrics unavailable\n'),
      );
      return;
    }
    if (path === '/healthz') {
      void opts.health().then(
        (h) =>
          reply(
            h.ok ? 200 : 503,
            'application/json',
            JSON.stringify({ status: h.ok ? 'ok' : 'unhealthy', ...h.detail }),
          ),
        () => reply(503, 'application/json', '{"status":"unhealthy"}'),
      );
      return;
    }
    reply(404, 'text/plain', 'not found\n');
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // exclusive: a worker process of a group (--processes) has its own port, not one shared by the group.
    server.listen({ port: opts.port, host: opts.host, exclusive: true }, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Healthy while every BullMQ worker runs and Redis answers a PING within a second. */
export async function workerHealth(
  redis: Redis,
  workers: readonly Worker[],
  destinations: readonly string[],
): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
  let redisUp: boolean;
  try {
    redisUp =
      (await Promise.race([
        redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ])) === 'PONG';
  } catch {
    redisUp = false;
  }
  const running = workers.every((w) => w.isRunning());
  return {
    ok: redisUp && running,
    detail: { redis: redisUp ? 'up' : 'down', workers: running ? 'running' : 'stopped', destinations },
  };
}
