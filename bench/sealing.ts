/**
 * `npm run bench -- sealing`: the cost of sealing queue data at rest (queue/sealing.ts, AES-256-GCM),
 * per delivery, for an SMS delivery with a 600-byte signed body: on the hub's 202 path (seal the
 * payload) and in the worker (open the payload, seal the result). Medians of five interleaved rounds,
 * next to JSON.stringify + JSON.parse of the same delivery (what BullMQ does with job data anyway).
 */
import { randomBytes } from 'node:crypto';
import { createSealer } from '../queue/sealing';
import { fromStored, sealResult, toStored } from '../queue/stored';
import { unsignedSmsData } from '../test/helpers/delivery-load';
import { interleavedMedians, printTable, writeResults } from './lib';

export async function run(): Promise<Record<string, unknown>> {
  const keyring = { current: 'dk-bench', keys: new Map([['dk-bench', randomBytes(32)]]) };
  const sealer = createSealer(() => keyring);
  const data = {
    ...unsignedSmsData('notify', 'Hồ sơ HS-2026-000123 đã được tiếp nhận'),
    signed: { signature: 'x'.repeat(180), messageId: 'm', body: Buffer.alloc(600, 1).toString('base64') },
  };
  const stored = toStored(sealer, data);
  const result = {
    channel: 'sms',
    messageId: 'e20bb07d-4d28-4a01-8bf0-5d1edde560ea',
    acceptedAt: '2026-12-08T06:37:51+07:00',
  };
  const ops = interleavedMedians({
    'hub: seal the payload': () => (toStored(sealer, data), 1),
    'worker: open the payload, seal the result': () => (
      fromStored(sealer, stored),
      sealResult(sealer, data.id, result),
      1
    ),
    'baseline: JSON round trip of the delivery': () => (JSON.parse(JSON.stringify(data)), 1),
  });
  const us = Object.fromEntries(Object.entries(ops).map(([k, v]) => [k, Math.round((1e6 / v) * 10) / 10]));
  printTable('sealing at rest, µs per delivery (median of 5 rounds)', [
    ['step', 'µs'],
    ...Object.entries(us),
  ]);
  const path = writeResults('sealing', { microsecondsPerDelivery: us });
  process.stdout.write(`\nwrote ${path}\n`);
  return us;
}

if (require.main === module) void run();
