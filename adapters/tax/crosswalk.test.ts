/** The GSO ↔ tax location crosswalk: coverage of the population, one-to-one, sources, and clear failures. */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { getPopulation } from '../sdk/simulator/population';
import { CrosswalkError, currentProvinceOf, gsoProvinceOf, taxLocationOf, taxLocations } from './crosswalk';

const failure = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

describe('tax crosswalk', () => {
  it('maps every province the synthetic population lives, holds land or does business in, both ways', () => {
    const pop = getPopulation();
    const provinces = new Set([
      ...pop.persons.map((p) => p.permanentAddress.provinceCode),
      ...pop.parcels.map((p) => p.address.provinceCode),
      ...pop.businesses.map((b) => b.address.provinceCode),
    ]);
    expect([...provinces].sort()).toEqual(['01', '04', '15', '31', '40', '48', '56', '66', '79', '92']);
    for (const gso of provinces) {
      const loc = taxLocationOf(gso);
      expect(loc.tax).toMatch(/^\d{3}$/);
      expect(gsoProvinceOf(loc.tax).gso).toBe(gso);
    }
  });

  it('covers the 34 post-reform provinces one-to-one; only TP.HCM 79 ↔ 701 is sourced', () => {
    const all = taxLocations();
    expect(all).toHaveLength(34);
    expect(new Set(all.map((e) => e.tax)).size).toBe(34);
    expect(taxLocationOf('79')).toMatchObject({ tax: '701', source: 'sample' });
    expect(all.filter((e) => e.source === 'sample').map((e) => e.gso)).toEqual(['79']);
  });

  it('an unknown province fails clearly, naming it; a pre-2025 code names where it is now', () => {
    expect(failure(() => taxLocationOf('99'))).toMatchObject({
      name: 'CrosswalkError',
      code: 'KHONG_CO_MA_DIA_BAN',
      message: expect.stringContaining('99'),
    });
    const legacy = failure(() => taxLocationOf('74')) as CrosswalkError;
    expect(legacy.code).toBe('TINH_CU');
    expect(legacy.message).toMatch(/74.*now 79/);
    expect(failure(() => gsoProvinceOf('999'))).toMatchObject({ code: 'MA_DIA_BAN_LA' });
  });

  it("an address's current province: from its province, its commune, or a legacy commune", () => {
    expect(currentProvinceOf({ provinceCode: '48', catalogue: '2026-04-30' })).toBe('48');
    expect(currentProvinceOf({ communeCode: '00025', catalogue: '2026-04-30' })).toBe('01');
    const bd = getPopulation().persons.find((p) => p.permanentAddress.legacyProvinceCode === '74')!;
    expect(
      currentProvinceOf({ communeCode: bd.permanentAddress.legacyCommuneCode, catalogue: 'legacy' }),
    ).toBe('79');
    expect(failure(() => currentProvinceOf({}))).toMatchObject({ code: 'KHONG_RO_TINH' });
  });
});

describe('tax adapter with a province missing from the crosswalk', () => {
  const BASE = 'http://tax.test';
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.enableNetConnect();
    jest.resetModules();
  });

  // With the network closed, a request that went out would fail as 'unavailable': 'rejected' proves none did.
  it('refuses to send the request at all: rejected, not retryable, naming the province', async () => {
    jest.resetModules();
    jest.doMock('./tax-locations.json', () => ({
      provinces: [{ gso: '79', tax: '701', name: 'Thành phố Hồ Chí Minh', source: 'sample' }],
    }));
    const { createAdapterInstance } = await import('../sdk');
    const { callContext, silentLogger } = await import('../sdk/conformance');
    const { adapter } = await import('./index');
    const agent = new Agent();
    const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
    const err = await instance
      .call(
        'register-taxpayer',
        {
          taxpayer: { kind: 'individual', fullName: 'Nguyễn Văn Hòa', personalId: '001099012345' },
          address: { text: '12 Phố Hàng Bông', communeCode: '00004', catalogue: '2026-04-30' },
        },
        callContext(),
      )
      .catch((e: unknown) => e);
    await instance.close();
    agent.destroy();
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      upstreamCode: 'CROSSWALK_KHONG_CO_MA_DIA_BAN',
      reason: expect.stringContaining('province 01'),
    });
  });
});
