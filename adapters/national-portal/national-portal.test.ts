/**
 * national-portal: the conformance suite against the simulator, and the transport both ways with nock on
 * recorded fixtures — the envelope's refusals (HTTP 200, error_code ≠ 0) and transport errors included.
 */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { upgradeRecord, validateRecord } from '../../contracts';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, UpstreamError } from '../sdk';
import { conformance } from './conformance';
import { adapter } from './index';

runAdapterSuite(conformance());

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

describe('national-portal transport (nock)', () => {
  const BASE = 'http://portal.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  const failure = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);
  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => nock.cleanAll());

  const progress = {
    dossierCode: '000.00.27628-251103-0007',
    status: 10,
    at: '2025-11-08T09:00:00+07:00',
    unit: { code: 'UBND.27628', name: 'UBND Xã Hưng Long' },
    note: 'Đã trả kết quả qua bưu chính',
    actor: 'Bộ phận một cửa',
  };

  it('sync-dossier: sends the HoSo of the recorded request with the idempotency key, maps the ack', async () => {
    const f = fixture('sync-dossier.ok.json');
    const v = validateRecord('dossier@2', f.input);
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    const scope = nock(BASE, { reqheaders: { 'idempotency-key': 'dl-1', 'x-request-id': 'm-1' } })
      .post(f.request.path, f.request.body)
      .reply(200, f.response.body);
    const out = await instance.call(
      'sync-dossier',
      v.value,
      callContext(1000, { idempotencyKey: 'dl-1', messageId: 'm-1' }),
    );
    expect(out).toEqual({
      portalId: 'DVCQG-00001287',
      receivedAt: '2025-11-07T15:02:12+07:00',
      dossierCode: '000.00.27628-251103-0007',
      status: 9,
    });
    scope.done();
  });

  it('sync-dossier: an upgraded dossier@1 at level 4 goes as end-to-end (DVCToanTrinh 1, no old level)', async () => {
    const v1 = JSON.parse(readFileSync(join(__dirname, '../../contracts/fixtures/dossier-v1.json'), 'utf8'));
    const v2 = upgradeRecord('dossier@1', 'dossier@2', v1);
    if (!v2.ok) throw new Error(JSON.stringify(v2.problem));
    let sent: Record<string, unknown> = {};
    nock(BASE)
      .post('/api/v1/hoso/dongbo', (body: Record<string, unknown>) => ((sent = body), true))
      .reply(200, fixture('sync-dossier.ok.json').response.body);
    await instance.call('sync-dossier', v2.value, callContext());
    expect(sent).toMatchObject({
      DVCToanTrinh: 1,
      MucDoDVC: null,
      NgayTiepNhan: '20250701083000',
      ChuHoSo: { LoaiDoiTuong: 1, SoDinhDanh: '079303000123', SoDienThoai: '0901234567' },
    });
  });

  it('sync-dossier: a stale copy is refused with HTTP 200 and error_code 3 → rejected, not retryable', async () => {
    const f = fixture('sync-dossier.stale.json');
    nock(BASE).post(f.request.path).reply(f.response.status, f.response.body);
    const v = validateRecord('dossier@2', fixture('sync-dossier.ok.json').input);
    if (!v.ok) throw new Error('fixture');
    const err = await failure(instance.call('sync-dossier', v.value, callContext()));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      status: 200,
      upstreamCode: 'THU_TU_KHONG_HOP_LE',
    });
  });

  it('update-progress: sends TienDo with yyyyMMddHHmmss times, maps the ack', async () => {
    const f = fixture('update-progress.ok.json');
    nock(BASE).post(f.request.path, f.request.body).reply(200, f.response.body);
    const out = await instance.call('update-progress', progress, callContext());
    expect(out).toEqual({
      portalId: 'DVCQG-00001287',
      receivedAt: '2025-11-08T09:00:04+07:00',
      dossierCode: progress.dossierCode,
      status: 10,
    });
  });

  it('update-progress: the out-of-order refusal (error_code 3 in a 200) is a rejected UpstreamError', async () => {
    const f = fixture('update-progress.out-of-order.json');
    nock(BASE).post(f.request.path, f.request.body).reply(f.response.status, f.response.body);
    const err = await failure(
      instance.call(
        'update-progress',
        {
          dossierCode: progress.dossierCode,
          status: 4,
          at: '2025-11-03T09:00:00+07:00',
          unit: progress.unit,
        },
        callContext(),
      ),
    );
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      notFound: false,
      upstreamCode: 'THU_TU_KHONG_HOP_LE',
    });
    expect((err as UpstreamError).reason).toMatch(/error_code 3/);
  });

  it('update-progress: a dossier the portal never received (error_code 2) is rejected as not found', async () => {
    const f = fixture('update-progress.not-found.json');
    nock(BASE).post(f.request.path, f.request.body).reply(f.response.status, f.response.body);
    const err = await failure(
      instance.call(
        'update-progress',
        { ...progress, dossierCode: '000.00.27628-251103-9999' },
        callContext(),
      ),
    );
    expect(err).toMatchObject({ code: 'rejected', notFound: true, upstreamCode: 'HO_SO_KHONG_TON_TAI' });
  });

  it('an envelope on HTTP 400 names the refusal; on HTTP 500 it stays retryable', async () => {
    const bad = fixture('update-progress.bad-request.json');
    nock(BASE).post(bad.request.path).reply(bad.response.status, bad.response.body);
    expect(await failure(instance.call('update-progress', progress, callContext()))).toMatchObject({
      code: 'rejected',
      status: 400,
      upstreamCode: 'THAM_SO_KHONG_HOP_LE',
      reason: 'Thiếu hoặc sai tham số: ThoiDiemXuLy',
    });
    const down = fixture('update-progress.server-error.json');
    nock(BASE).post(down.request.path).reply(down.response.status, down.response.body);
    expect(await failure(instance.call('update-progress', progress, callContext()))).toMatchObject({
      code: 'unavailable',
      retryable: true,
      status: 500,
      upstreamCode: 'LOI_HE_THONG',
    });
  });

  it('rate-dossier: criteria and levels in the portal’s codes', async () => {
    const f = fixture('rate-dossier.ok.json');
    nock(BASE).post(f.request.path, f.request.body).reply(200, f.response.body);
    const out = await instance.call(
      'rate-dossier',
      {
        dossierCode: progress.dossierCode,
        ratedAt: '2025-11-08T10:30:00+07:00',
        answers: [
          { criterion: 'reception', level: 'very-satisfied' },
          { criterion: 'processing-time', level: 'satisfied' },
          { criterion: 'staff-conduct', level: 'not-satisfied' },
        ],
        comment: 'Cán bộ hướng dẫn chưa rõ',
      },
      callContext(),
    );
    expect(out).toMatchObject({ status: 10, receivedAt: '2025-11-08T10:30:01+07:00' });
  });

  it("dossier-status: the history with units and the portal's on-time flag", async () => {
    const f = fixture('dossier-status.ok.json');
    nock(BASE).get(f.request.path).reply(200, f.response.body);
    const out = (await instance.call(
      'dossier-status',
      { dossierCode: progress.dossierCode },
      callContext(),
    )) as {
      history: unknown[];
    };
    expect(out).toMatchObject({ dossierCode: progress.dossierCode, status: 10, onTime: true });
    expect(out.history).toHaveLength(7);
    expect(out.history[3]).toEqual({
      status: 5,
      at: '2025-11-04T10:00:00+07:00',
      unit: { code: 'UBND.27628', name: 'UBND Xã Hưng Long' },
    });
  });

  it('dossier-status: without the portal’s flag, a finished dossier gets the computed one', async () => {
    const f = fixture('dossier-status.ok.json');
    const data = { ...f.response.body.data, DungHan: null, NgayHenTra: '20251105170000' };
    nock(BASE)
      .get(f.request.path)
      .reply(200, { ...f.response.body, data });
    // Due 5 Nov 17:00, finished 7 Nov 15:00 (46 h later), 47 h in supplement: on time.
    expect(
      await instance.call('dossier-status', { dossierCode: progress.dossierCode }, callContext()),
    ).toMatchObject({
      onTime: true,
    });
    nock(BASE)
      .get(f.request.path)
      .reply(200, { ...f.response.body, data: { ...data, NgayHenTra: '20251104170000' } });
    expect(
      await instance.call('dossier-status', { dossierCode: progress.dossierCode }, callContext()),
    ).toMatchObject({
      onTime: false,
    });
  });

  it('dossier-status: an unknown dossier is rejected as not found', async () => {
    const f = fixture('dossier-status.not-found.json');
    nock(BASE).get(f.request.path).reply(200, f.response.body);
    const err = await failure(
      instance.call('dossier-status', { dossierCode: '000.00.27628-251103-9999' }, callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', notFound: true, status: 200 });
  });

  it('error_code 0 without data, or data of the wrong shape, is malformed, never canonical data', async () => {
    const f = fixture('dossier-status.ok.json');
    nock(BASE).get(f.request.path).reply(200, { error_code: 0, message: 'Thành công' });
    expect(
      await failure(instance.call('dossier-status', { dossierCode: progress.dossierCode }, callContext())),
    ).toMatchObject({
      code: 'malformed',
    });
    nock(BASE)
      .get(f.request.path)
      .reply(200, { ...f.response.body, data: { ...f.response.body.data, NgayHenTra: '06/11/2025 17:00' } });
    expect(
      await failure(instance.call('dossier-status', { dossierCode: progress.dossierCode }, callContext())),
    ).toMatchObject({
      code: 'malformed',
    });
    nock(BASE).get(f.request.path).reply(200, { error_code: '0', message: 'OK', data: f.response.body.data });
    expect(
      await failure(instance.call('dossier-status', { dossierCode: progress.dossierCode }, callContext())),
    ).toMatchObject({
      code: 'malformed',
    });
  });
});
