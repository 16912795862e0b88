/** national-population: the conformance suite against the simulator, and the mapping both ways (nock). */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { callContext, runAdapterSuite } from '../sdk/conformance';
import { createAdapterInstance, UpstreamError } from '../sdk';
import { silentLogger } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { conformance } from './conformance';
import { adapter } from './index';
import { fromCongDan, toCongDan, type CongDan } from './mapping';
import { toUpstreamPerson } from './simulator';

runAdapterSuite(conformance());

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

describe('national-population mapping', () => {
  it('maps a recorded upstream record to a valid person@1, legacy place of origin included', () => {
    const upstream = fixture('person-by-id.ok.json').response.body as CongDan;
    const person = fromCongDan(upstream);
    expect(person).toMatchObject({
      personalId: '001099012345',
      fullName: 'Nguyễn Văn Hòa',
      dateOfBirth: '1999-03-12',
      sex: 'male',
      ethnicity: 'Kinh',
      legacyIds: ['012345678'],
      placeOfOrigin: { communeCode: '00007', catalogue: 'legacy', legacyDistrictCode: '001' },
      permanentResidence: { communeCode: '00004', catalogue: '2026-04-30', street: 'Phố Hàng Bông' },
      status: 'living',
    });
    const v = validateRecord('person@1', person);
    expect(v.ok ? [] : v.problem.errors).toEqual([]);
  });

  it('round-trips canonical → upstream → canonical', () => {
    const canonical = fromCongDan(fixture('person-by-id.ok.json').response.body);
    expect(fromCongDan(toCongDan(canonical))).toEqual(canonical);
  });

  it('partial dates stay partial and deaths carry their date', () => {
    const p = fromCongDan({
      ...fixture('person-by-id.ok.json').response.body,
      ngaySinh: '1948',
      trangThai: 'DA_MAT',
      ngayMat: '05/11/2025',
    });
    expect(p).toMatchObject({ dateOfBirth: '1948', status: 'deceased', dateOfDeath: '2025-11-05' });
  });

  it('every synthetic citizen the simulator serves maps to a valid person@1', () => {
    const pop = getPopulation();
    const bad = pop.persons
      .map((p) =>
        validateRecord('person@1', fromCongDan(toUpstreamPerson(p)), {
          now: new Date('2026-01-01T00:00:00+07:00'),
        }),
      )
      .filter((r) => !r.ok);
    expect(bad).toEqual([]);
  });
});

describe('national-population transport (nock)', () => {
  const BASE = 'http://population.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => nock.cleanAll());

  it('GET /api/v1/cong-dan/{id} with the message id as correlation id', async () => {
    const f = fixture('person-by-id.ok.json');
    nock(BASE, { reqheaders: { 'x-request-id': 'm-1' } })
      .get(f.request.path)
      .reply(200, f.response.body);
    const out = await instance.call(
      'person-by-id',
      { personalId: '001099012345' },
      callContext(1000, { messageId: 'm-1' }),
    );
    expect(out).toMatchObject({ personalId: '001099012345', fullName: 'Nguyễn Văn Hòa' });
  });

  it("the upstream's not-found error becomes a rejected UpstreamError with its code", async () => {
    const f = fixture('person-by-id.not-found.json');
    nock(BASE).get(f.request.path).reply(f.response.status, f.response.body);
    const err = await instance
      .call('person-by-id', { personalId: '001099999999' }, callContext())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'rejected', notFound: true, upstreamCode: 'CD_KHONG_TON_TAI' });
  });

  it('identity check: sends dd/MM/yyyy, maps the per-field answer', async () => {
    const f = fixture('identity-check.ok.json');
    nock(BASE).post(f.request.path, f.request.body).reply(200, f.response.body);
    const out = await instance.call(
      'identity-check',
      { personalId: '001099012345', fullName: 'Nguyễn Văn Hòa', dateOfBirth: '1999-03-12' },
      callContext(),
    );
    expect(out).toEqual({ match: false, fields: { personalId: true, fullName: true, dateOfBirth: false } });
  });

  it('issue personal ID: the idempotency key travels, the answer maps to IssuedPersonalId_v1', async () => {
    const f = fixture('issue-personal-id.ok.json');
    nock(BASE, { reqheaders: { 'idempotency-key': 'delivery-7' } })
      .post(f.request.path, f.request.body)
      .reply(201, f.response.body);
    const out = await instance.call(
      'issue-personal-id',
      {
        fullName: 'Phạm Lê Minh An',
        dateOfBirth: '2025-12-20',
        sex: 'male',
        birthProvinceCode: '01',
        motherId: '001194389546',
        fatherId: '034097874846',
        birthCertificateNumber: 'GCS-01001-2025-000123',
      },
      callContext(1000, { idempotencyKey: 'delivery-7' }),
    );
    expect(out).toEqual({ personalId: '001225900001', issuedAt: '2025-12-21T09:15:00+07:00' });
  });

  it('a record with a wrong type is malformed, not canonical data', async () => {
    const f = fixture('person-by-id.ok.json');
    nock(BASE)
      .get(f.request.path)
      .reply(200, { ...f.response.body, gioiTinh: 'Nam' });
    const err = await instance
      .call('person-by-id', { personalId: '001099012345' }, callContext())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'malformed' });
  });
});
