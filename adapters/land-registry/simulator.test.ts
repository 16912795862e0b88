/**
 * The land registry simulator's behaviour through the adapter and over raw SOAP: each refusal with the
 * registry's code, the endorsement on completion, the WSDL at ?wsdl, and reset bringing back its seed dossiers.
 */
import axios from 'axios';
import { Agent } from 'node:http';
import { createAdapterInstance, type AdapterInstance, type RunningSimulator } from '../sdk';
import { callContext, silentLogger } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { ENDPOINT_PATH, NAMESPACE } from './dialect';
import { keyOf, partyOf, transferOf } from './examples';
import { adapter } from './index';
import { buyerFor, createLandRegistrySimulator, freeParcels, seedDossiers } from './simulator';

describe('land registry simulator', () => {
  const pop = getPopulation();
  const agent = new Agent({ keepAlive: true });
  let sim: RunningSimulator;
  let instance: AdapterInstance;
  const call = (svc: string, input: unknown) => instance.call(svc, input, callContext(2000));
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: { upstreamCode?: string }) => e.upstreamCode,
    );
  const voucher = {
    noticeNumber: '1/TB',
    voucherNumber: 'CT-1',
    paidAt: '2025-12-28T10:00:00+07:00',
    amount: 1,
  };

  beforeAll(async () => {
    sim = await createLandRegistrySimulator().start();
    instance = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
  });
  afterAll(async () => {
    await instance.close();
    agent.destroy();
    await sim.close();
  });

  it('refuses a holder under another name, a partial set of holders, and a second pending change', async () => {
    const couples = freeParcels(pop).filter((p) => p.holderIds.length === 2);
    const t = transferOf(pop, couples[0], buyerFor(couples[0], pop), 'HS-SIM-1');
    const renamed = { ...t, transferors: t.transferors.map((p) => ({ ...p, fullName: 'Tên Khác Hẳn' })) };
    expect(await refusal(call('register-transfer', renamed))).toBe('BEN_CHUYEN_NHUONG_KHONG_DUNG');
    const partial = { ...t, transferors: t.transferors.slice(0, 1) };
    expect(await refusal(call('register-transfer', partial))).toBe('BEN_CHUYEN_NHUONG_KHONG_DUNG');
    await call('register-transfer', t);
    expect(await refusal(call('register-transfer', { ...t, dossierCode: `${t.dossierCode}-2` }))).toBe(
      'THUA_DAT_DANG_CO_BIEN_DONG',
    );
    expect(await refusal(call('register-transfer', t))).toBe('HO_SO_DA_TON_TAI');
  });

  it('slips once, completes once: the buyer then holds the parcel and may sell it on', async () => {
    const parcel = seedDossiers(pop).received[0].parcel;
    const code = seedDossiers(pop).received[0].hoSo.maHoSo;
    await call('issue-information-slip', { dossierCode: code });
    expect(await refusal(call('issue-information-slip', { dossierCode: code }))).toBe('DA_LAP_PHIEU');
    const done = (await call('complete-transfer', { dossierCode: code, vouchers: [voucher] })) as {
      holders: { personalId: string }[];
    };
    expect(await refusal(call('complete-transfer', { dossierCode: code, vouchers: [voucher] }))).toBe(
      'HO_SO_DA_HOAN_THANH',
    );
    const now = (await call('parcel', keyOf(parcel))) as { holders: { personalId: string }[] };
    expect(now.holders).toEqual(done.holders);
    const buyer = pop.person(now.holders[0].personalId)!;
    const onward = {
      ...transferOf(pop, parcel, buyerFor(parcel, pop, 11), 'HS-SIM-ONWARD'),
      transferors: [partyOf(buyer)],
    };
    expect(await call('register-transfer', onward)).toMatchObject({ status: 'received' });
  });

  it('refuses a request outside the dialect and an unknown operation as soap:Client faults', async () => {
    const post = (inner: string) =>
      axios.post(
        `${sim.url}${ENDPOINT_PATH}`,
        `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${NAMESPACE}"><soap:Body>${inner}</soap:Body></soap:Envelope>`,
        { headers: { 'content-type': 'text/xml' }, validateStatus: () => true },
      );
    const bad = await post('<ns:TraCuuThuaDat><maXa>00025</maXa></ns:TraCuuThuaDat>');
    expect(bad.status).toBe(500);
    expect(bad.data).toMatch(/soap:Client[\s\S]*THAM_SO_KHONG_HOP_LE/);
    expect((await post('<ns:XoaThuaDat/>')).data).toMatch(/THAO_TAC_KHONG_HO_TRO/);
  });

  it('serves its WSDL at ?wsdl, and reset brings the seeded dossiers back', async () => {
    const wsdl = await axios.get(`${sim.url}${ENDPOINT_PATH}?wsdl`);
    expect(wsdl.data).toMatch(/<definitions[\s\S]*DangKyDatDai/);
    await axios.post(`${sim.url}/__admin/reset`);
    const state = (await axios.get(`${sim.url}/__admin/state`)).data as { dossiers: { trangThai: string }[] };
    expect(state.dossiers.map((d) => d.trangThai).sort()).toEqual([
      ...Array(8).fill('DA_CHUYEN_THUE'),
      ...Array(8).fill('DA_TIEP_NHAN'),
    ]);
  });
});
