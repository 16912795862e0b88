/**
 * land-registry: the conformance suite against the simulator, and the transport with the upstream mocked by
 * nock from recorded envelopes — what is sent (compared after parsing) and how each answer or fault maps.
 */
import nock from 'nock';
import '../../test/helpers/restore-nock';
import { Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { createAdapterInstance, parseXmlSafely, UpstreamError } from '../sdk';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { conformance } from './conformance';
import { ENDPOINT_PATH } from './dialect';
import { keyOf, transferOf } from './examples';
import { adapter } from './index';

runAdapterSuite(conformance());

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('land-registry transport (nock)', () => {
  const BASE = 'http://land.test';
  const agent = new Agent({ keepAlive: true });
  const instance = createAdapterInstance(adapter, { baseUrl: BASE }, { agent, logger: silentLogger });
  const pop = getPopulation();
  const { parcel, transfereeId } = pop.scenarios.land;
  const transfer = { ...transferOf(pop, parcel, pop.person(transfereeId)!, 'HS-01-2025-000123') };
  transfer.declaredPrice = 6_500_000_000;
  const vouchers = [
    {
      noticeNumber: '001000/TB-10100',
      voucherNumber: 'KB-0101-2025-000777',
      paidAt: '2025-12-26T10:15:00+07:00',
      amount: 163_620_000,
    },
    {
      noticeNumber: '001001/TB-10100',
      voucherNumber: 'NH-0101-2025-031552',
      paidAt: '2025-12-26T10:16:30+07:00',
      amount: 40_905_000,
    },
  ];

  /** Answers the next POST with a recorded envelope and keeps what was sent. */
  function upstream(answer: string, headers: Record<string, string> = {}) {
    const sent: { body?: string } = {};
    nock(BASE, { reqheaders: headers })
      .post(ENDPOINT_PATH, (b: string) => ((sent.body = b), true))
      .reply(answer.includes('soap:Fault') ? 500 : 200, fixture(answer), {
        'content-type': 'text/xml; charset=utf-8',
      });
    return sent;
  }
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  beforeAll(() => nock.disableNetConnect());
  afterAll(async () => {
    nock.enableNetConnect();
    await instance.close();
    agent.destroy();
  });
  afterEach(() => nock.cleanAll());

  it('parcel: sends TraCuuThuaDat with the message id, maps the answer to land-parcel@1', async () => {
    const sent = upstream('parcel.ok.response.xml', {
      'x-request-id': 'fixture-parcel.ok',
      soapaction: '"urn:vn:dat-dai:dang-ky:v1/TraCuuThuaDat"',
    });
    const out = await instance.call(
      'parcel',
      keyOf(parcel),
      callContext(1000, { messageId: 'fixture-parcel.ok' }),
    );
    expect(parseXmlSafely(sent.body!)).toEqual(parseXmlSafely(fixture('parcel.ok.request.xml')));
    expect(out).toMatchObject({ key: keyOf(parcel), holders: [{ personalId: '001077001536' }, {}] });
    const v = validateRecord('land-parcel@1', out);
    expect(v.ok ? [] : v.problem.errors).toEqual([]);
  });

  it("parcel: the registry's soap:Client fault for an unknown parcel is rejected, not found", async () => {
    upstream('parcel.not-found.response.xml');
    const err = await failure(
      instance.call('parcel', { ...keyOf(parcel), mapSheetNumber: '999999' }, callContext()),
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'rejected', notFound: true, upstreamCode: 'THUA_DAT_KHONG_TON_TAI' });
  });

  it('register-transfer: the recorded request, the idempotency key, land-transfer@1 received', async () => {
    const sent = upstream('register-transfer.ok.response.xml', { 'idempotency-key': 'delivery-1' });
    const out = await instance.call(
      'register-transfer',
      transfer,
      callContext(1000, { messageId: 'fixture-register-transfer.ok', idempotencyKey: 'delivery-1' }),
    );
    expect(parseXmlSafely(sent.body!)).toEqual(parseXmlSafely(fixture('register-transfer.ok.request.xml')));
    expect(out).toMatchObject({
      dossierCode: 'HS-01-2025-000123',
      status: 'received',
      declaredPrice: 6_500_000_000,
    });
  });

  it('register-transfer: transferors who are not the holders are refused with the registry code', async () => {
    upstream('register-transfer.not-holder.response.xml');
    const err = await failure(instance.call('register-transfer', transfer, callContext()));
    expect(err).toMatchObject({
      code: 'rejected',
      retryable: false,
      notFound: false,
      upstreamCode: 'BEN_CHUYEN_NHUONG_KHONG_DUNG',
    });
  });

  it('issue-information-slip: LapPhieuChuyenThongTin by dossier code → information-slip@1', async () => {
    const sent = upstream('issue-information-slip.ok.response.xml');
    const out = await instance.call(
      'issue-information-slip',
      { dossierCode: 'HS-01-2025-000123' },
      callContext(1000, { messageId: 'fixture-issue-information-slip.ok' }),
    );
    expect(parseXmlSafely(sent.body!)).toEqual(
      parseXmlSafely(fixture('issue-information-slip.ok.request.xml')),
    );
    expect(out).toMatchObject({ slipNumber: '000009/PCTT-VPDK01', landPricePerM2: 101_000_000 });
  });

  it('complete-transfer: refused before the slip; after it, the buyer holds the endorsed parcel', async () => {
    upstream('complete-transfer.not-slipped.response.xml');
    const err = await failure(
      instance.call('complete-transfer', { dossierCode: 'HS-01-2025-000123', vouchers }, callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: 'CHUA_CHUYEN_THUE' });

    const sent = upstream('complete-transfer.ok.response.xml');
    const out = (await instance.call(
      'complete-transfer',
      { dossierCode: 'HS-01-2025-000123', vouchers },
      callContext(1000, { messageId: 'fixture-complete-transfer.ok' }),
    )) as { holders: { personalId: string }[]; certificate: { serial: string; registerNumber: string } };
    expect(parseXmlSafely(sent.body!)).toEqual(parseXmlSafely(fixture('complete-transfer.ok.request.xml')));
    expect(out.holders.map((h) => h.personalId)).toEqual([transfereeId]);
    expect(out.certificate).toEqual(
      expect.objectContaining({ serial: 'AK 876432', registerNumber: 'CS 50001' }),
    );
  });

  it('an answer element of another operation, or a wrongly typed field, is malformed', async () => {
    nock(BASE)
      .post(ENDPOINT_PATH)
      .reply(
        200,
        fixture('parcel.ok.response.xml').replace(/TraCuuThuaDatResponse/g, 'DangKyBienDongResponse'),
      );
    expect(await failure(instance.call('parcel', keyOf(parcel), callContext()))).toMatchObject({
      code: 'malformed',
    });
    nock(BASE)
      .post(ENDPOINT_PATH)
      .reply(
        200,
        fixture('parcel.ok.response.xml').replace(
          '<dienTich>81.0</dienTich>',
          '<dienTich>tám mốt</dienTich>',
        ),
      );
    expect(await failure(instance.call('parcel', keyOf(parcel), callContext()))).toMatchObject({
      code: 'malformed',
    });
  });
});
