/**
 * health-insurance simulator through the adapter: a newborn's card, the refusals of Vietnam Social
 * Security, a funeral grant paid once per person, and the settings that are policy.
 */
import { Agent } from 'node:http';
import { callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type AdapterInstance, type RunningSimulator } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import { adapter } from './index';
import { createHealthInsuranceSimulator } from './simulator';
import type { HealthInsuranceSettings } from './simulator/settings';

const pop = getPopulation();
const { birth, death } = pop.scenarios;
const home = pop.household(birth.householdId)!;
const address = { text: home.address.text, communeCode: home.address.communeCode, provinceCode: '01' };
const newborn = (personalId: string, extra: Record<string, unknown> = {}) => ({
  personalId,
  fullName: 'Phạm Lê Minh An',
  dateOfBirth: '2025-12-20',
  sex: 'male',
  primaryCareFacilityCode: '01100',
  address,
  ...extra,
});
/** The simulator's pinned clock: ages and decisions do not depend on when the tests run. */
const TODAY = new Date('2026-11-22T10:00:00+07:00');
/** A child of the population with a TE card, under 6 on TODAY. */
const youngChild = pop.healthCards
  .filter((c) => c.group === 'TE')
  .map((c) => pop.person(c.holderId)!)
  .find((p) => p.dateOfBirth >= '2024-01-01')!;
const pensioner = pop.healthCards
  .filter((c) => c.group === 'HT')
  .map((c) => pop.person(c.holderId)!)
  .find((p) => p.householdId !== death.householdId)!;
const claim = (deceasedPersonalId: string, extra: Record<string, unknown> = {}) => ({
  deceasedPersonalId,
  deathRegisterNumber: '15/2026',
  dateOfDeath: '2026-01-10',
  claimant: { personalId: death.declarantId, fullName: 'Trần Xuân Cường', relation: 'child' },
  bankAccount: { bankCode: '970436', accountNumber: '0071000123456', accountHolder: 'TRAN XUAN CUONG' },
  ...extra,
});

async function withSimulator(
  settings: Partial<HealthInsuranceSettings>,
  run: (i: AdapterInstance) => Promise<void>,
) {
  const sim: RunningSimulator = await createHealthInsuranceSimulator(
    {},
    { clock: () => TODAY, ...settings },
  ).start();
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
  try {
    await run(instance);
  } finally {
    await instance.close();
    agent.destroy();
    await sim.close();
  }
}
const call = (i: AdapterInstance, service: string, input: unknown, idempotencyKey?: string) =>
  i.call(service, input, callContext(2000, { idempotencyKey }));
const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);

describe('health-insurance simulator', () => {
  it("issues a newborn's TE card, then serves it; a second card is refused", () =>
    withSimulator({}, async (i) => {
      const card = await call(i, 'issue-child-card', newborn('001225900001'), 'b-1');
      expect(card).toMatchObject({ beneficiaryGroup: 'TE', benefitLevel: 1, validTo: '2031-12-31' });
      expect(await call(i, 'card-of-person', { personalId: '001225900001' })).toEqual(card);
      expect(await call(i, 'issue-child-card', newborn('001225900001'), 'b-1')).toEqual(card);
      const again = await refusal(call(i, 'issue-child-card', newborn('001225900001'), 'b-2'));
      expect(again).toMatchObject({ code: 'rejected', upstreamCode: 'DA_CO_THE' });
    }));

  it.each([
    ['a child aged 6', newborn('001219800001', { dateOfBirth: '2019-05-01' }), 'TRE_DU_6_TUOI'],
    // A new ID whose sex digit (2: male) contradicts the request: the simulator cannot know the child.
    [
      'a new ID that does not fit the child',
      newborn('001225900002', { sex: 'female' }),
      'KHONG_XAC_MINH_DUOC_NHAN_THAN',
    ],
    [
      'a known child under another name',
      newborn(youngChild.personalId, { dateOfBirth: youngChild.dateOfBirth, sex: youngChild.sex }),
      'KHONG_XAC_MINH_DUOC_NHAN_THAN',
    ],
    ['an adult', newborn(birth.motherId, { dateOfBirth: '1994-02-09', sex: 'female' }), 'TRE_DU_6_TUOI'],
    [
      'an unknown facility',
      newborn('001225900003', { primaryCareFacilityCode: '01999' }),
      'MA_KCB_KHONG_HOP_LE',
    ],
  ])('refuses %s', (_what, input, code) =>
    withSimulator({}, async (i) => {
      expect(await refusal(call(i, 'issue-child-card', input))).toMatchObject({
        code: 'rejected',
        upstreamCode: code,
      });
    }),
  );

  it('the validity rule is a setting (Decree 146/2018 by default, the simpler reading when chosen)', async () => {
    await withSimulator({}, async (i) => {
      const card = await call(i, 'issue-child-card', newborn('001225900004', { dateOfBirth: '2025-03-10' }));
      expect(card).toMatchObject({ validFrom: '2025-03-10', validTo: '2031-09-30' });
    });
    await withSimulator({ childCardRule: 'day-before-sixth-birthday' }, async (i) => {
      const card = await call(i, 'issue-child-card', newborn('001225900004', { dateOfBirth: '2025-03-10' }));
      expect(card).toMatchObject({ validFrom: '2025-03-10', validTo: '2031-03-09' });
    });
  });

  it('pays the funeral grant once per person: a redelivery is answered from memory, a new claim refused', () =>
    withSimulator({}, async (i) => {
      const first = await call(i, 'funeral-allowance-claim', claim(pensioner.personalId), 'd-1');
      expect(first).toMatchObject({
        amount: 23_400_000,
        status: 'accepted',
        deceasedPersonalId: pensioner.personalId,
      });
      expect(await call(i, 'funeral-allowance-claim', claim(pensioner.personalId), 'd-1')).toEqual(first);
      const again = await refusal(call(i, 'funeral-allowance-claim', claim(pensioner.personalId), 'd-2'));
      expect(again).toMatchObject({ code: 'rejected', upstreamCode: 'DA_GIAI_QUYET' });
    }));

  it('refuses a death before birth, a claimant who is the deceased, and an unknown person', () =>
    withSimulator({}, async (i) => {
      const early = claim(pensioner.personalId, { dateOfDeath: '1930-01-01' });
      expect(await refusal(call(i, 'funeral-allowance-claim', early))).toMatchObject({
        upstreamCode: 'DU_LIEU_KHONG_HOP_LE',
      });
      const self = claim(pensioner.personalId, {
        claimant: { personalId: pensioner.personalId, fullName: pensioner.fullName, relation: 'other' },
      });
      expect(await refusal(call(i, 'funeral-allowance-claim', self))).toMatchObject({
        upstreamCode: 'DU_LIEU_KHONG_HOP_LE',
      });
      expect(await refusal(call(i, 'funeral-allowance-claim', claim('001099999999')))).toMatchObject({
        notFound: true,
        upstreamCode: 'KHONG_TIM_THAY_NGUOI_THAM_GIA',
      });
    }));

  it("the death scenario's deceased is a pensioner (HT): the grant is paid; a social-protection card (BT) is not insured unless set so", async () => {
    expect(pop.healthCards.find((c) => c.holderId === death.deceasedId)?.group).toBe('HT');
    await withSimulator({}, async (i) => {
      expect(await call(i, 'funeral-allowance-claim', claim(death.deceasedId))).toMatchObject({
        amount: 23_400_000,
      });
    });
    const bt = pop.healthCards.find((c) => c.group === 'BT')!;
    await withSimulator({}, async (i) => {
      const err = await refusal(call(i, 'funeral-allowance-claim', claim(bt.holderId)));
      expect(err).toMatchObject({ upstreamCode: 'KHONG_DU_DIEU_KIEN' });
    });
    await withSimulator({ insuredGroups: ['HT', 'DN', 'HC', 'BT'] }, async (i) => {
      expect(await call(i, 'funeral-allowance-claim', claim(bt.holderId))).toMatchObject({
        amount: 23_400_000,
      });
    });
  });

  it('the base level is a setting: a death under a new level is paid at the new level', () =>
    withSimulator(
      {
        funeralGrant: {
          multiplier: 10,
          baseLevels: [{ from: '2025-01-01', vnd: 2_500_000, source: 'test' }],
        },
      },
      async (i) => {
        expect(await call(i, 'funeral-allowance-claim', claim(pensioner.personalId))).toMatchObject({
          amount: 25_000_000,
        });
        const early = claim(pop.healthCards.find((c) => c.group === 'DN')!.holderId, {
          dateOfDeath: '2024-12-31',
        });
        expect(await refusal(call(i, 'funeral-allowance-claim', early))).toMatchObject({
          upstreamCode: 'KHONG_CO_MUC_LUONG_CO_SO',
        });
      },
    ));
});
