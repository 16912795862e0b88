/**
 * The simulated portal's rules through the adapter: status changes only in time order (the engine's ordered
 * delivery is tested against this refusal), unknown dossiers refused, ratings only once finished, refusals
 * applied as no effect, and the admin state listing every update received per dossier in arrival order.
 */
import { Agent } from 'node:http';
import { callContext, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type AdapterInstance, type RunningSimulator } from '../sdk';
import { adapter } from './index';
import { createPortalSimulator } from './simulator';
import { portalSeeds } from './simulator/seed';

interface AdminState {
  dossiers: { dossierCode: string; portalId: string; status: number }[];
  updates: Record<string, { via: string; status: number; at: string; outcome: string }[]>;
  ratings: { MaHoSo: string }[];
}

describe('national-portal simulator', () => {
  const agent = new Agent({ keepAlive: true });
  let sim: RunningSimulator;
  let portal: AdapterInstance;
  const { processing, returnedOnTime, supplementRequested } = portalSeeds();
  const code = processing.dossierCode;
  const unit = processing.processingUnit;
  const change = (status: number, at: string, key?: string) =>
    portal.call(
      'update-progress',
      { dossierCode: code, status, at, unit },
      callContext(2000, { idempotencyKey: key }),
    );
  const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);
  const admin = async (): Promise<AdminState> =>
    (await fetch(`${sim.url}/__admin/state`)).json() as Promise<AdminState>;

  beforeAll(async () => {
    sim = await createPortalSimulator().start();
    portal = createAdapterInstance(adapter, { baseUrl: sim.url }, { agent, logger: silentLogger });
  });
  beforeEach(async () => {
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
  });
  afterAll(async () => {
    await portal.close();
    agent.destroy();
    await sim.close();
  });

  it('takes changes in time order, refuses an older one, and logs both in arrival order', async () => {
    await change(6, '2025-12-02T10:00:00+07:00');
    await change(4, '2025-12-02T10:00:00+07:00'); // the same second is not older
    const err = await refusal(change(5, '2025-12-02T09:59:59+07:00'));
    expect(err).toMatchObject({ code: 'rejected', retryable: false, upstreamCode: 'THU_TU_KHONG_HOP_LE' });
    await change(9, '2025-12-03T16:00:00+07:00');

    const state = await admin();
    expect(state.updates[code]).toEqual([
      expect.objectContaining({ via: 'progress', status: 6, at: '20251202100000', outcome: 'accepted' }),
      expect.objectContaining({ status: 4, at: '20251202100000', outcome: 'accepted' }),
      expect.objectContaining({ status: 5, at: '20251202095959', outcome: 'THU_TU_KHONG_HOP_LE' }),
      expect.objectContaining({ status: 9, at: '20251203160000', outcome: 'accepted' }),
    ]);
    const view = await portal.call('dossier-status', { dossierCode: code }, callContext());
    expect(view).toMatchObject({ status: 9, onTime: true });
    expect((view as { history: { status: number }[] }).history.map((x) => x.status)).toEqual([
      1, 2, 4, 6, 4, 9,
    ]);
  });

  it('refuses a change for a dossier it never received, as not found', async () => {
    const err = await refusal(
      portal.call(
        'update-progress',
        { dossierCode: 'CHUA-DONG-BO-1', status: 2, at: '2025-12-02T10:00:00+07:00', unit },
        callContext(),
      ),
    );
    expect(err).toMatchObject({ code: 'rejected', notFound: true, upstreamCode: 'HO_SO_KHONG_TON_TAI' });
    expect((await admin()).updates['CHUA-DONG-BO-1']).toEqual([
      expect.objectContaining({ outcome: 'HO_SO_KHONG_TON_TAI' }),
    ]);
  });

  it('a repeated delivery (same idempotency key) is applied and logged once; refusals are no effect', async () => {
    const first = await change(4, '2025-12-02T11:00:00+07:00', 'delivery-1');
    const again = await change(4, '2025-12-02T11:00:00+07:00', 'delivery-1');
    expect(again).toEqual(first);
    await refusal(change(4, '2025-01-01T00:00:00+07:00', 'delivery-2'));
    await refusal(change(4, '2025-01-01T00:00:00+07:00', 'delivery-2'));
    expect((await admin()).updates[code]).toHaveLength(2);
    expect(sim.effects()).toEqual({ 'cap-nhat-tien-do': 1 });
  });

  it('a synced dossier can then be updated, and a stale re-sync is refused', async () => {
    const dossier = { ...supplementRequested, dossierCode: 'DONG-BO-MOI-1' };
    const ack = (await portal.call('sync-dossier', dossier, callContext())) as { portalId: string };
    await portal.call(
      'update-progress',
      { dossierCode: 'DONG-BO-MOI-1', status: 4, at: '2025-12-18T08:00:00+07:00', unit },
      callContext(),
    );
    const stale = await refusal(portal.call('sync-dossier', dossier, callContext()));
    expect(stale).toMatchObject({ code: 'rejected', upstreamCode: 'THU_TU_KHONG_HOP_LE' });
    const state = await admin();
    expect(state.dossiers).toContainEqual({
      dossierCode: 'DONG-BO-MOI-1',
      portalId: ack.portalId,
      status: 4,
    });
    expect(state.updates['DONG-BO-MOI-1'].map((u) => `${u.via}:${u.outcome}`)).toEqual([
      'sync:accepted',
      'progress:accepted',
      'sync:THU_TU_KHONG_HOP_LE',
    ]);
  });

  it('takes a rating only for a finished dossier', async () => {
    const rating = (dossierCode: string) => ({
      dossierCode,
      ratedAt: '2025-12-20T10:00:00+07:00',
      answers: [{ criterion: 'result', level: 'satisfied' }],
    });
    const err = await refusal(
      portal.call('rate-dossier', rating(supplementRequested.dossierCode), callContext()),
    );
    expect(err).toMatchObject({ code: 'rejected', upstreamCode: 'HO_SO_CHUA_KET_THUC' });
    await portal.call('rate-dossier', rating(returnedOnTime.dossierCode), callContext());
    expect((await admin()).ratings).toEqual([
      expect.objectContaining({
        MaHoSo: returnedOnTime.dossierCode,
        KetQuaDanhGia: [{ MaTieuChi: 'TC05', MucDo: 2 }],
      }),
    ]);
  });

  it('a reset brings back the seeded dossiers and forgets what was received', async () => {
    await change(9, '2025-12-03T16:00:00+07:00');
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
    const state = await admin();
    expect(state.updates).toEqual({});
    expect(state.dossiers.find((d) => d.dossierCode === code)).toMatchObject({ status: 4 });
  });
});
