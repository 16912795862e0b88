/**
 * business-registry simulator through the adapter: a registration found again by number and by owner, the
 * commune's serial numbers, each refusal of the registration office, and the owner's age on the clock.
 */
import { Agent } from 'node:http';
import { callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type AdapterInstance } from '../sdk';
import { ageAt, getPopulation, type SynthPerson } from '../sdk/simulator/population';
import { canonicalAddress, registration } from './conformance';
import { adapter } from './index';
import { createBusinessRegistrySimulator } from './simulator';
import type { BusinessRegistrySettings } from './simulator/registry-book';

const pop = getPopulation();
const owners = new Set(pop.businesses.map((b) => b.ownerId));
const free = pop.persons.filter((p) => ageAt(p.dateOfBirth) >= 20 && !owners.has(p.personalId));
/** Two free adults of one commune, and one of another. */
const [a, b] = free.filter((p) => p.permanentAddress.communeCode === free[0].permanentAddress.communeCode);
const c = free.find((p) => p.permanentAddress.communeCode !== a.permanentAddress.communeCode)!;
/** The simulator's pinned clock. */
const TODAY = new Date('2026-03-10T09:30:00+07:00');

async function withSimulator(
  settings: Partial<BusinessRegistrySettings>,
  run: (i: AdapterInstance) => Promise<void>,
) {
  const sim = await createBusinessRegistrySimulator({}, { clock: () => TODAY, ...settings }).start();
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
const register = (i: AdapterInstance, input: unknown, idempotencyKey?: string) =>
  i.call('register-household-business', input, callContext(2000, { idempotencyKey }));
const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);
const refusedWith = async (p: Promise<unknown>, upstreamCode: string) =>
  expect(await refusal(p)).toMatchObject({ code: 'rejected', retryable: false, upstreamCode });

describe('business-registry simulator', () => {
  it('registers with a commune serial number and today’s date, then serves it by number and by owner', () =>
    withSimulator({}, async (i) => {
      const first = await register(i, registration(a, 'Hộ kinh doanh Bánh Cuốn Bà Ba'), 'k-1');
      const commune = a.permanentAddress.communeCode;
      expect(first).toMatchObject({
        registrationNumber: `${commune}-8-000001`,
        registeredAt: '2026-03-10T00:00:00+07:00',
        owner: { personalId: a.personalId, fullName: a.fullName },
      });
      expect(first).not.toHaveProperty('taxId');
      expect(await register(i, registration(a, 'Hộ kinh doanh Bánh Cuốn Bà Ba'), 'k-1')).toEqual(first);
      const second = await register(i, registration(b, 'Hộ kinh doanh Sửa Xe Ba Anh'), 'k-2');
      expect(second).toMatchObject({ registrationNumber: `${commune}-8-000002` });
      expect(await register(i, registration(c, 'Hộ kinh doanh Sửa Xe Ba Anh'), 'k-3')).toMatchObject({
        registrationNumber: `${c.permanentAddress.communeCode}-8-000001`,
      });
      const byNumber = { registrationNumber: `${commune}-8-000001` };
      expect(await i.call('household-business', byNumber, callContext())).toEqual(first);
      expect(await i.call('household-business', { ownerPersonalId: a.personalId }, callContext())).toEqual(
        first,
      );
    }));

  it('serves the population’s businesses by number and by owner', () =>
    withSimulator({}, async (i) => {
      for (const biz of [pop.businesses[0], pop.businesses[63]]) {
        const out = await i.call('household-business', { ownerPersonalId: biz.ownerId }, callContext());
        expect(out).toMatchObject({
          registrationNumber: biz.registrationNumber,
          businessName: biz.businessName,
          activityCodes: biz.activityCodes,
          capital: biz.capital,
          taxId: biz.taxCode,
          registeredAt: `${biz.registeredAt}T00:00:00+07:00`,
        });
      }
    }));

  it('refuses an owner who already owns a household business, here or in the population', () =>
    withSimulator({}, async (i) => {
      const existing = pop.person(pop.businesses[10].ownerId)!;
      await refusedWith(
        register(i, registration(existing, 'Hộ kinh doanh Quán Mới')),
        'CHU_HO_DA_CO_HO_KINH_DOANH',
      );
      await register(i, registration(a, 'Hộ kinh doanh Quán Một'), 'k-1');
      await refusedWith(
        register(i, registration(a, 'Hộ kinh doanh Quán Hai'), 'k-2'),
        'CHU_HO_DA_CO_HO_KINH_DOANH',
      );
    }));

  it('refuses a name registered in the same commune, tone placement and case aside; another commune may use it', () =>
    withSimulator({}, async (i) => {
      const taken = pop.businesses.find((x) => /hoá/.test(x.businessName))!;
      const same = taken.businessName.replace('hoá', 'hóa').toUpperCase();
      await refusedWith(
        register(i, { ...registration(a, same), address: canonicalAddress(taken.address) }),
        'TRUNG_TEN',
      );
      expect(await register(i, registration(a, same))).toMatchObject({ businessName: same });
    }));

  it('refuses an owner under 18 on the clock’s date, and accepts them from their 18th birthday', async () => {
    const teen = pop.persons.find((p) => ageAt(p.dateOfBirth) === 16 && !p.dateOfBirth.endsWith('02-29'))!;
    const birthday18 = `${Number(teen.dateOfBirth.slice(0, 4)) + 18}${teen.dateOfBirth.slice(4)}`;
    const at = (iso: string, days: number) =>
      new Date(Date.parse(`${iso}T08:00:00+07:00`) + days * 86_400_000);
    const input = registration(teen, 'Hộ kinh doanh Tuổi Trẻ');
    await withSimulator({ clock: () => at(birthday18, -1) }, (i) =>
      refusedWith(register(i, input), 'CHU_HO_CHUA_DU_18_TUOI'),
    );
    await withSimulator({ clock: () => at(birthday18, 0) }, async (i) => {
      expect(await register(i, input)).toMatchObject({ registeredAt: `${birthday18}T00:00:00+07:00` });
    });
  });

  it.each([
    [
      'an unknown business line',
      (p: SynthPerson) => ({ ...registration(p, 'Hộ kinh doanh Lạ'), activityCodes: ['4711', '9999'] }),
      'MA_NGANH_KHONG_HOP_LE',
    ],
    [
      'a name without "Hộ kinh doanh"',
      (p: SynthPerson) => registration(p, 'Quán Cơm Bình Dân'),
      'TEN_KHONG_HOP_LE',
    ],
    [
      'a name posing as a company',
      (p: SynthPerson) => registration(p, 'Hộ kinh doanh Công ty Ánh Dương'),
      'TEN_KHONG_HOP_LE',
    ],
    [
      'an owner whose name does not match the population database',
      (p: SynthPerson) => ({
        ...registration(p, 'Hộ kinh doanh Tên Khác'),
        owner: { personalId: p.personalId, fullName: 'Người Khác' },
      }),
      'CHU_HO_KHONG_XAC_MINH_DUOC',
    ],
    [
      'an owner the population database does not know',
      (p: SynthPerson) => ({
        ...registration(p, 'Hộ kinh doanh Vô Danh'),
        owner: { personalId: '001099999999', fullName: p.fullName },
      }),
      'CHU_HO_KHONG_XAC_MINH_DUOC',
    ],
    [
      'a commune of another province',
      (p: SynthPerson) => ({
        ...registration(p, 'Hộ kinh doanh Sai Tỉnh'),
        address: { ...canonicalAddress(p.permanentAddress), provinceCode: '96' },
      }),
      'DIA_BAN_KHONG_HOP_LE',
    ],
  ])('refuses %s', (_what, input, code) =>
    withSimulator({}, (i) => refusedWith(register(i, input(a)), code)),
  );

  it('a reset forgets the registrations and restarts the serials', async () => {
    const sim = await createBusinessRegistrySimulator({}, { clock: () => TODAY }).start();
    const agent = new Agent({ keepAlive: true });
    const i = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
    try {
      const first = (await register(i, registration(a, 'Hộ kinh doanh Bánh Cuốn Bà Ba'))) as {
        registrationNumber: string;
      };
      const state = await (await fetch(`${sim.url}/__admin/state`)).json();
      expect(state).toEqual({
        registered: [
          {
            maSoDangKy: first.registrationNumber,
            maXa: a.permanentAddress.communeCode,
            ngayDangKy: '10/03/2026',
          },
        ],
      });
      await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
      await refusedWith(
        i.call('household-business', { ownerPersonalId: a.personalId }, callContext()),
        'KHONG_TIM_THAY',
      );
      expect(await register(i, registration(a, 'Hộ kinh doanh Bánh Cuốn Bà Ba'))).toEqual(first);
    } finally {
      await i.close();
      agent.destroy();
      await sim.close();
    }
  });
});
