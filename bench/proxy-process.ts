/**
 * Child process of `npm run bench -- exchange`: the bare pass-through proxy the exchange issue defines
 * (Express 5 + axios: one axios instance on a keep-alive agent, maxRedirects 0, raw bytes both ways — how
 * the hub's REST transport was built until it moved to node:http, adapters/sdk/http-call.ts) with no checks
 * at all: it takes the hub's request (POST /v1/services/…, JSON body with a personalId),
 * calls the population simulator (BENCH_UPSTREAM) and answers with the upstream's status and bytes.
 */
import axios from 'axios';
import express from 'express';
import { createServer } from 'node:http';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceReady } from './procs';

async function main(): Promise<void> {
  const upstream = process.env.BENCH_UPSTREAM;
  if (!upstream) throw new Error('BENCH_UPSTREAM is not set');
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const http = axios.create({
    baseURL: upstream,
    httpAgent: agent,
    maxRedirects: 0,
    responseType: 'arraybuffer',
    validateStatus: () => true,
    transformRequest: [(d: unknown) => d],
    transformResponse: [(d: unknown) => d],
    headers: { accept: 'application/json' },
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json());
  app.post('/v1/services/:member/:subsystem/:service/:version', async (req, res) => {
    const id = String((req.body as { personalId?: unknown }).personalId);
    const answer = await http.get<Buffer>(`/api/v1/cong-dan/${id}`);
    res.status(answer.status);
    res.setHeader('content-type', String(answer.headers['content-type'] ?? 'application/json'));
    res.end(answer.data);
  });
  const server = createServer({ keepAliveTimeout: 65_000 }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  announceReady({ url: `http://127.0.0.1:${port}` }, async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    agent.destroy();
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
