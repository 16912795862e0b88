/**
 * public-postal: the conformance suite against the simulator; a result's whole journey driven by the
 * admin knobs (booked, picked up, on its way, a failed attempt, delivered to a relative, the proof), a
 * return to sender; the S10 check digit and the phone forms of the mapping.
 */
import { Agent } from 'node:http';
import { callContext, runAdapterSuite, silentLogger } from '../sdk/conformance';
import { createAdapterInstance, type AdapterInstance, type RunningSimulator } from '../sdk';
import { conformance } from './conformance';
import { adapter } from './index';
import { fromLienHe, fromPostPhone, toPostPhone } from './mapping';
import { createPublicPostalSimulator, postalParties } from './simulator';
import { s10 } from './simulator/store';

runAdapterSuite(conformance());

describe('public-postal: a result posted home', () => {
  let sim: RunningSimulator;
  let inst: AdapterInstance;
  const agent = new Agent({ keepAlive: true });
  beforeAll(async () => {
    sim = await createPublicPostalSimulator().start();
    inst = createAdapterInstance(
      adapter,
      { baseUrl: sim.url, auth: sim.credentials },
      { agent, logger: silentLogger },
    );
  });
  afterAll(async () => {
    await inst.close();
    agent.destroy();
    await sim.close();
  });
  const knob = async (n: string, step: string, body: unknown = {}) =>
    (
      await fetch(`${sim.url}/__admin/shipments/${n}/${step}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).status;
  const book = async (ref: string) => {
    const { desk, mother } = postalParties();
    return (await inst.call(
      'book-pickup',
      {
        shipmentRef: ref,
        sender: fromLienHe(desk),
        recipient: fromLienHe(mother),
        contents: 'Giấy khai sinh',
      },
      callContext(2000, { idempotencyKey: `k-${ref}` }),
    )) as { trackingNumber: string; status: string };
  };
  const track = async (n: string) =>
    (await inst.call('track-shipment', { trackingNumber: n }, callContext())) as {
      status: string;
      events: unknown[];
    };

  it('books, tracks each step, delivers to a relative after a failed attempt, and proves it', async () => {
    const { trackingNumber: n, status } = await book('KQ-JOURNEY-1');
    expect(status).toBe('booked');
    for (const expected of ['picked-up', 'in-transit', 'out-for-delivery']) {
      expect(await knob(n, 'advance')).toBe(200);
      expect((await track(n)).status).toBe(expected);
    }
    expect(await knob(n, 'fail-delivery', { ghiChu: 'Người nhận vắng nhà' })).toBe(200);
    expect((await track(n)).status).toBe('delivery-failed');
    await expect(inst.call('proof-of-delivery', { trackingNumber: n }, callContext())).rejects.toMatchObject({
      code: 'rejected',
      notFound: true,
      upstreamCode: '305',
    });
    expect(await knob(n, 'advance')).toBe(200);
    expect(
      await knob(n, 'deliver', { hoTen: 'Lê Văn Bình', quanHe: 'UY_QUYEN', soGiayTo: '001099012345' }),
    ).toBe(200);
    const done = await track(n);
    expect(done.status).toBe('delivered');
    expect(done.events.map((e) => (e as { status: string }).status)).toEqual([
      'booked',
      'picked-up',
      'in-transit',
      'out-for-delivery',
      'delivery-failed',
      'out-for-delivery',
      'delivered',
    ]);
    const proof = await inst.call('proof-of-delivery', { trackingNumber: n }, callContext());
    expect(proof).toMatchObject({
      trackingNumber: n,
      shipmentRef: 'KQ-JOURNEY-1',
      receivedBy: { fullName: 'Lê Văn Bình', relation: 'authorised', personalId: '001099012345' },
    });
    expect(await knob(n, 'deliver')).toBe(409);
  });

  it('returns an item to the sender after a failed delivery', async () => {
    const { trackingNumber: n } = await book('KQ-RETURN-1');
    await knob(n, 'advance');
    await knob(n, 'advance');
    expect(await knob(n, 'fail-delivery')).toBe(200);
    expect(await knob(n, 'return')).toBe(200);
    expect((await track(n)).status).toBe('returned');
  });

  it('a repeated booking (code 208, no data) yields the first shipment, applied once', async () => {
    const before = sim.effects()['dat-lay-hang'] ?? 0;
    const first = await book('KQ-REPEAT-1');
    const again = await book('KQ-REPEAT-1');
    expect(again).toEqual(first);
    expect(sim.effects()['dat-lay-hang'] - before).toBe(1);
    expect(sim.requests().filter((r) => r.headers?.['x-client-request-id'] === 'k-KQ-REPEAT-1')).toHaveLength(
      2,
    );
  });
});

describe('public-postal mapping', () => {
  it('numbers items in the S10 format with the UPU check digit', () => {
    expect(s10('RR', 47312482)).toBe('RR473124829VN');
    expect(s10('EB', 12345001)).toMatch(/^EB12345001\dVN$/);
  });
  it('phones: E.164 to the national form and back; a foreign number is not given to the postman', () => {
    expect(toPostPhone('+84912345678')).toBe('0912345678');
    expect(fromPostPhone('0912345678')).toBe('+84912345678');
    expect(toPostPhone('+33612345678')).toBeNull();
  });
});
