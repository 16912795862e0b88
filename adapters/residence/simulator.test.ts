/**
 * residence simulator through the adapter: the rules of registration and removal, and the compensation of
 * the birth procedure — register a newborn, remove the registration, and the household is as before.
 */
import { Agent } from 'node:http';
import { callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type AdapterInstance, type RunningSimulator } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import { adapter } from './index';
import { createResidenceSimulator } from './simulator';

const pop = getPopulation();
const { birth, death } = pop.scenarios;
const father = pop.person(birth.fatherId)!;
const consent = (personalId: string) => ({ personalId, confirmedAt: new Date().toISOString() });
const newborn = (personalId: string) => ({
  householdId: birth.householdId,
  personalId,
  fullName: 'Phạm Lê Minh An',
  dateOfBirth: '2025-12-20',
  relationToHead: 'child',
  headConsent: consent(father.personalId),
});

let sim: RunningSimulator;
let instance: AdapterInstance;
const agent = new Agent({ keepAlive: true });
const call = (service: string, input: unknown, idempotencyKey?: string) =>
  instance.call(service, input, callContext(2000, { idempotencyKey }));
const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);

beforeAll(async () => {
  sim = await createResidenceSimulator().start();
  instance = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
});
afterAll(async () => {
  await instance.close();
  agent.destroy();
  await sim.close();
});
beforeEach(() => fetch(`${sim.url}/__admin/reset`, { method: 'POST' }));

describe('residence simulator', () => {
  it('compensation: a newborn registered then removed leaves the household as before', async () => {
    const before = await call('household', { householdId: birth.householdId });
    const registered = await call(
      'register-permanent-residence',
      newborn('001225900001'),
      'birth-1/residence',
    );
    expect(registered).toMatchObject({
      status: 'active',
      headOfHousehold: { personalId: father.personalId },
    });
    const during = (await call('household', { personalId: '001225900001' })) as { members: unknown[] };
    expect(during.members).toContainEqual({
      personalId: '001225900001',
      fullName: 'Phạm Lê Minh An',
      relationToHead: 'child',
    });
    const removed = await call(
      'remove-permanent-residence',
      { personalId: '001225900001', reason: 'other', householdId: birth.householdId },
      'birth-1/residence/compensate',
    );
    expect(removed).toMatchObject({ status: 'removed', removalReason: 'other' });
    expect(await call('household', { householdId: birth.householdId })).toEqual(before);
    // The compensation is itself idempotent: a redelivery is answered from memory, not refused.
    const again = await call(
      'remove-permanent-residence',
      { personalId: '001225900001', reason: 'other', householdId: birth.householdId },
      'birth-1/residence/compensate',
    );
    expect(again).toEqual(removed);
  });

  it.each([
    ['an unknown household', { householdId: 'HK0100000000' }, 'HO_KHONG_TON_TAI', true],
    [
      'consent from someone other than the head',
      { headConsent: consent(birth.motherId) },
      'KHONG_PHAI_CHU_HO',
      false,
    ],
    [
      'a person registered elsewhere',
      { personalId: death.declarantId, fullName: pop.person(death.declarantId)!.fullName },
      'DA_DANG_KY_THUONG_TRU',
      false,
    ],
    // The adapter's contract would catch this first; the upstream checks on its own too.
    [
      'an ID whose year digits contradict the date of birth',
      { personalId: '001224900001' },
      'THONG_TIN_KHONG_KHOP',
      false,
    ],
  ])('refuses %s', async (_what, change, code, notFound) => {
    const err = await refusal(
      call('register-permanent-residence', { ...newborn('001225900003'), ...change }),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: code, notFound });
    const h = (await call('household', { householdId: birth.householdId })) as { members: unknown[] };
    expect(h.members).toHaveLength(2);
  });

  it('death of the head: the household keeps its members, without a head until one is registered', async () => {
    const out = await call('remove-permanent-residence', {
      personalId: death.deceasedId,
      reason: 'death',
      deathRegisterNumber: '15/2026',
      householdId: death.householdId,
    });
    expect(out).toMatchObject({ status: 'removed', removalReason: 'death', relationToHead: 'self' });
    const h = (await call('household', { personalId: death.declarantId })) as {
      head?: unknown;
      members: { personalId: string }[];
    };
    expect(h.head).toBeUndefined();
    expect(h.members.map((m) => m.personalId)).not.toContain(death.deceasedId);
    expect(h.members).toHaveLength(4);
    const err = await refusal(call('household', { personalId: death.deceasedId }));
    expect(err).toMatchObject({ notFound: true, upstreamCode: 'CHUA_DANG_KY_THUONG_TRU' });
    const noHead = await refusal(
      call('register-permanent-residence', {
        ...newborn('079225900001'),
        householdId: death.householdId,
        headConsent: consent(death.deceasedId),
      }),
    );
    expect(noHead).toMatchObject({ upstreamCode: 'KHONG_PHAI_CHU_HO' });
  });

  it('a person who moved away may register in another household, once, with its head’s consent', async () => {
    const mover = pop.person(death.declarantId)!;
    await call('remove-permanent-residence', { personalId: mover.personalId, reason: 'moved' });
    const input = {
      householdId: birth.householdId,
      personalId: mover.personalId,
      fullName: mover.fullName,
      dateOfBirth: mover.dateOfBirth,
      relationToHead: 'other',
      headConsent: consent(father.personalId),
    };
    const wrongName = await refusal(
      call('register-permanent-residence', { ...input, fullName: 'Trần Văn Khác' }),
    );
    expect(wrongName).toMatchObject({ upstreamCode: 'THONG_TIN_KHONG_KHOP' });
    await call('register-permanent-residence', input);
    const h = (await call('household', { personalId: mover.personalId })) as { householdId: string };
    expect(h.householdId).toBe(birth.householdId);
    const twice = await refusal(call('register-permanent-residence', input));
    expect(twice).toMatchObject({ upstreamCode: 'DA_DANG_KY_THUONG_TRU' });
  });

  it('the household guard refuses removing a person registered in another household', async () => {
    const err = await refusal(
      call('remove-permanent-residence', {
        personalId: birth.motherId,
        reason: 'other',
        householdId: death.householdId,
      }),
    );
    expect(err).toMatchObject({ upstreamCode: 'KHONG_THUOC_HO' });
  });

  it('admin state shows what the simulator registered and removed; reset clears it', async () => {
    await call('register-permanent-residence', newborn('001225900004'));
    const state = (await (await fetch(`${sim.url}/__admin/state`)).json()) as { registered: unknown[] };
    expect(state.registered).toEqual([
      { so_dinh_danh: '001225900004', ma_ho: birth.householdId, so_dang_ky: `TT-${birth.householdId}-N0001` },
    ]);
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
    expect(await (await fetch(`${sim.url}/__admin/state`)).json()).toEqual({ registered: [], removed: [] });
  });
});
