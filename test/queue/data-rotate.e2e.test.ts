/**
 * `lienthong keys data-rotate` against a real Redis: the new key seals from then on, the old one still
 * opens what it sealed, a retired key past the retention is kept while a dead letter uses it and dropped
 * once nothing does; the rotation is audited under the operator's name.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Redis from 'ioredis';
import { createDeliveryQueues, toStored, trustDirSealer } from '../../queue';
import { dataKeysPath, readDataKeys } from '../../queue/data-keys';
import { prepareWorld, type PreparedWorld } from '../../hub/sandbox/prepare-world';
import { unsignedSmsData } from '../helpers/delivery-load';
import { auditRecords } from '../helpers/audit-records';
import { runLienthong } from '../helpers/processes';
import { useRedis } from '../helpers/redis';

const redis = useRedis();
let world: PreparedWorld;
let client: Redis;

beforeAll(async () => {
  world = await prepareWorld({ redisUrl: redis.url, adapters: ['notify'] });
  client = new Redis(redis.url);
  redis.beforeStop(async () => {
    await client.quit();
    await world.close();
  });
}, 30_000);

const rotate = async () => {
  const r = await runLienthong(
    ['keys', 'data-rotate'],
    { ...world.env, LIENTHONG_OPERATOR: 'ops-tran' },
    60_000,
  );
  if (r.code !== 0) throw new Error(r.output);
  return JSON.parse(r.stdout) as { current: string; retired?: string; dropped: string[]; kept: string[] };
};

it('rotates, keeps a key a dead letter uses, and drops it once nothing does', async () => {
  const path = dataKeysPath(world.trustDir);
  const first = readDataKeys(path).current;
  const { sealer, reload } = trustDirSealer(world.trustDir);
  const queues = createDeliveryQueues(client, { sealer, destinations: ['notify'] });
  try {
    const dead = { ...unsignedSmsData('notify', `Hồ sơ ${randomUUID().slice(0, 6)}`) };
    await queues.deadLetters.add(toStored(sealer, dead), []);

    const r1 = await rotate();
    expect(r1).toMatchObject({ retired: first, dropped: [] });
    reload();
    expect(sealer.currentKid()).toBe(r1.current);
    expect((await queues.deadLetters.get(dead.id))?.data).toEqual(dead);

    // A month later: the first key has been retired longer than any retention, but the dead letter uses it.
    const file = readDataKeys(path);
    const month = new Date(Date.now() - 31 * 86_400_000).toISOString();
    writeFileSync(
      path,
      JSON.stringify({
        ...file,
        keys: file.keys.map((k) => (k.kid === first ? { ...k, retiredAt: month } : k)),
      }),
    );
    const r2 = await rotate();
    expect(r2.dropped).toEqual([]);
    expect(r2.kept).toContain(first);

    await queues.discard(dead.id, 'ops-tran', 'test');
    const r3 = await rotate();
    expect(r3.dropped).toEqual([first]);
    expect(readDataKeys(path).keys.map((k) => k.kid)).not.toContain(first);
  } finally {
    await queues.close();
  }
  const records = auditRecords(world.config.hub.auditDir);
  expect(
    records.filter((r) => r.service === 'operator:keys.data-rotate' && r.client === 'operator:ops-tran'),
  ).toHaveLength(3);
}, 120_000);
