/** one-stop-legacy: the conformance suite against the simulator, and the transport with recorded answers (nock). */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { detectLegacyEncoding } from '../../contracts/validators/legacy-encoding';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, UpstreamError } from '../sdk';
import { conformance } from './conformance';
import { adapter } from './index';
import { decodeCursor, encodeCursor, listDossiers } from './services/list-dossiers';

runAdapterSuite(conformance());

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(strings)
        : [];

interface ListOut {
  dossiers: { dossierCode: string; applicant: { name: string; address: Record<string, unknown> } }[];
  nextCursor?: string;
  rejected: { dossierCode?: string; reason: string }[];
}

describe('one-stop-legacy transport (nock)', () => {
  const BASE = 'http://one-stop.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => nock.cleanAll());

  it('list: sends tuNgay in the system’s form, reads a TCVN3 page into dossier@2, gives a cursor', async () => {
    const f = fixture('list-dossiers.ok.json');
    nock(BASE, { reqheaders: { 'x-request-id': 'm-1' } })
      .get(f.request.path)
      .query(f.request.query)
      .reply(200, f.response.body);
    const out = (await instance.call(
      'list-dossiers',
      { since: '2025-12-15T00:00:00+07:00', pageSize: 3 },
      callContext(2000, { messageId: 'm-1' }),
    )) as ListOut;
    expect(out.rejected).toEqual([]);
    expect(out.dossiers.map((d) => d.applicant.name)).toEqual([
      'Nguyễn Hồng Minh Hoa',
      'Trần Đức Tài',
      'Vũ Thị Hoa',
    ]);
    expect(strings(out).filter((s) => detectLegacyEncoding(s) !== 'unicode')).toEqual([]);
    expect(listDossiers.output).not.toBe('dossier@2');
    const v = (listDossiers.output as import('joi').Schema).validate(out);
    expect(v.error).toBeUndefined();
    expect(decodeCursor(out.nextCursor!)).toEqual({ since: '20251215000000', page: 2, pageSize: 3 });
  });

  it('list: a cursor asks for its page; an answer for another page is malformed', async () => {
    const f = fixture('list-dossiers.ok.json');
    nock(BASE)
      .get(f.request.path)
      .query({ tuNgay: '20251215000000', trang: '2', soDong: '3' })
      .reply(200, f.response.body); // the recorded page 1
    const cursor = encodeCursor({ since: '20251215000000', page: 2, pageSize: 3 });
    const err = await instance.call('list-dossiers', { cursor }, callContext()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'malformed', reason: 'answered page 1 for page 2' });
  });

  it('list: a dossier that cannot be normalised is reported by code, the others go through', async () => {
    const f = fixture('list-dossiers.bad-item.json');
    nock(BASE).get(f.request.path).query(f.request.query).reply(200, f.response.body);
    const out = (await instance.call(
      'list-dossiers',
      { since: '2025-12-15T00:00:00+07:00', pageSize: 3 },
      callContext(),
    )) as ListOut;
    expect(out.dossiers).toHaveLength(2);
    expect(out.rejected).toEqual([
      {
        dossierCode: f.response.body.DanhSach[1].MaHoSo,
        reason: 'cannot map MaThuTuc: old procedure code not in the mapping table',
      },
    ]);
  });

  it('list: a page whose envelope has the wrong types is malformed as a whole', async () => {
    const f = fixture('list-dossiers.ok.json');
    nock(BASE)
      .get(f.request.path)
      .query(true)
      .reply(200, { ...f.response.body, TongSo: '7' });
    const err = await instance
      .call('list-dossiers', { since: '2025-12-15T00:00:00+07:00' }, callContext())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'malformed' });
  });

  it('dossier: one record by code → dossier@2, legacy address mapped by the contract (exact)', async () => {
    const f = fixture('dossier.ok.json');
    nock(BASE).get(f.request.path).query(f.request.query).reply(200, f.response.body);
    const out = await instance.call('dossier', { dossierCode: f.request.query.maHoSo }, callContext());
    expect(out).toMatchObject({
      dossierCode: '000.00.08.H26-250122-0001',
      applicant: {
        name: 'Nguyễn Quốc Hoàng',
        phone: '+84816199033',
        address: { communeCode: '10378', legacyDistrictCode: '281', current: { status: 'exact' } },
      },
      status: 10,
    });
    const v = validateRecord('dossier@2', out);
    expect(v.ok ? v.value : v.problem.errors).toEqual(out);
  });

  it('dossier: an applicant whose old commune was split carries every candidate, none chosen', async () => {
    const f = fixture('dossier.split-commune.json');
    nock(BASE).get(f.request.path).query(f.request.query).reply(200, f.response.body);
    const out = (await instance.call('dossier', { dossierCode: f.request.query.maHoSo }, callContext())) as {
      applicant: { address: { current: { status: string; candidates: { communeCode: string }[] } } };
    };
    expect(out.applicant.address.current.status).toBe('ambiguous');
    expect(out.applicant.address.current.candidates.length).toBeGreaterThan(1);
  });

  it('dossier: a name mixing Unicode and TCVN3 is malformed, not half-converted', async () => {
    const f = fixture('dossier.mixed-encoding.json');
    expect(f.response.body.NguoiNop.HoTen).toBe('Nguyễn Thanh H\u00ad¬ng');
    nock(BASE).get(f.request.path).query(f.request.query).reply(200, f.response.body);
    const err = await instance
      .call('dossier', { dossierCode: f.request.query.maHoSo }, callContext())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({
      code: 'malformed',
      retryable: false,
      reason: 'text at NguoiNop.HoTen cannot be converted (mixed-encoding)',
    });
    expect((err as UpstreamError).raw).not.toMatch(/Nguy|\d{12}/);
  });

  it("dossier: the system's not-found answer is a rejected UpstreamError, its TCVN3 message converted", async () => {
    const f = fixture('dossier.not-found.json');
    nock(BASE).get(f.request.path).query(f.request.query).reply(f.response.status, f.response.body);
    const err = await instance
      .call('dossier', { dossierCode: f.request.query.maHoSo }, callContext())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'rejected',
      notFound: true,
      upstreamCode: 'HS_KHONG_TON_TAI',
      reason: 'Không tìm thấy hồ sơ',
    });
  });

  it('dossier: a record with a wrong type is malformed', async () => {
    const f = fixture('dossier.ok.json');
    nock(BASE)
      .get(f.request.path)
      .query(true)
      .reply(200, { ...f.response.body, MucDo: '3' });
    const err = await instance
      .call('dossier', { dossierCode: f.request.query.maHoSo }, callContext())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'malformed', reason: expect.stringMatching(/MucDo/) });
  });
});

describe('one-stop-legacy request contracts', () => {
  const input = listDossiers.input;
  it('takes a moment or a cursor, not both, and bounds the page size', () => {
    expect(input.validate({ since: '2025-12-15T00:00:00+07:00' }).value).toMatchObject({ pageSize: 20 });
    expect(input.validate({}).error).toBeDefined();
    const cursor = encodeCursor({ since: '20251215000000', page: 2, pageSize: 3 });
    expect(input.validate({ cursor }).error).toBeUndefined();
    expect(input.validate({ cursor, since: '2025-12-15T00:00:00+07:00' }).error).toBeDefined();
    expect(input.validate({ since: '2025-12-15T00:00:00+07:00', pageSize: 101 }).error).toBeDefined();
  });
  it('refuses a cursor it did not make', () => {
    expect(decodeCursor('not a cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from('20251215000000:0:3').toString('base64url'))).toBeUndefined();
    expect(input.validate({ cursor: Buffer.from('x:1:2').toString('base64url') }).error).toBeDefined();
  });
});
