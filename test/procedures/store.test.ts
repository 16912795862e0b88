/**
 * The dossier store on a real Redis: parallel updates of one dossier through one connection — steps of a
 * forEach finishing together in one worker — all land; a finished dossier leaves the active set.
 */
import { Redis } from 'ioredis';
import { createDossierStore } from '../../hub/procedures/store';
import type { DossierDoc } from '../../hub/procedures/types';
import { useRedis } from '../helpers/redis';

const handle = useRedis();
let redis: Redis;

beforeAll(() => {
  redis = new Redis(handle.url);
  handle.beforeStop(async () => void (await redis.quit()));
});

const doc = (code: string): DossierDoc => ({
  code,
  procedure: 'p',
  version: 1,
  status: 4,
  history: [],
  receivedAt: '2026-11-22T09:00:00+07:00',
  dueAt: '2026-11-25T09:00:00+07:00',
  subject: 'x',
  channel: 2,
  form: {},
  reads: {},
  provenance: {},
  steps: {},
  contact: {},
  announced: 0,
  compensations: [],
});

describe('dossier store', () => {
  it('keeps every one of many parallel updates made through the same connection', async () => {
    const store = createDossierStore(redis);
    await store.create(doc('T-1'));
    await store.create(doc('T-2'));
    const n = 40;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.update(i % 2 ? 'T-1' : 'T-2', (d) => {
          d.history.push({ at: String(i), status: 4 });
        }),
      ),
    );
    const one = await store.get('T-1');
    const two = await store.get('T-2');
    expect(one!.history.map((h) => Number(h.at)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n / 2 }, (_, k) => 2 * k + 1),
    );
    expect(two!.history).toHaveLength(n / 2);
  });

  it('a finished dossier leaves the active set; an unknown one is not created by an update', async () => {
    const store = createDossierStore(redis);
    await store.create(doc('T-3'));
    expect(await store.active()).toContain('T-3');
    await store.update('T-3', (d) => void (d.status = 10));
    expect(await store.active()).not.toContain('T-3');
    expect(await store.update('T-404', () => 1)).toBeUndefined();
    expect(await store.get('T-404')).toBeUndefined();
  });
});
