/**
 * The conformance spec of public-postal: bookings (fresh references) with their canonical answers, the
 * tracking and the proof of delivery of the simulator's seeded items (delivered to the father, on its way),
 * and the postal service's refusals with its own codes.
 */
import { example, type ConformanceSpec } from '../sdk/conformance';
import { adapter } from './index';
import { fromLienHe } from './mapping';
import { createPublicPostalSimulator, postalParties } from './simulator';
import { PostBook, s10 } from './simulator/store';

let n = 0;
const fresh = () => `KQ-CONF-${process.pid}-${Date.now()}-${++n}`;

export function conformance(): ConformanceSpec {
  const { desk, mother, father } = postalParties();
  const delivered = s10('EB', PostBook.FIRST_SERIAL);
  const onItsWay = s10('EB', PostBook.FIRST_SERIAL + 1);
  const booking = (shipmentRef: string) => ({
    shipmentRef,
    dossierCode: 'HS-2026-000888',
    sender: fromLienHe(desk),
    recipient: fromLienHe(mother),
    contents: 'Kết quả giải quyết TTHC: Trích lục khai sinh',
    pickupWindow: { from: '2026-12-08T08:00:00+07:00', to: '2026-12-08T11:30:00+07:00' },
  });
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createPublicPostalSimulator,
    examples: {
      'book-pickup/v1': [
        example(
          () => booking(fresh()),
          (input: { shipmentRef: string }) => ({
            shipmentRef: input.shipmentRef,
            dossierCode: 'HS-2026-000888',
            recipient: { fullName: mother.hoTen, address: { communeCode: mother.diaChi.maXa } },
            contents: 'Kết quả giải quyết TTHC: Trích lục khai sinh',
            postage: 25_000,
            status: 'booked',
            pickupWindow: { from: '2026-12-08T08:00:00+07:00', to: '2026-12-08T11:30:00+07:00' },
            events: [{ status: 'booked' }],
          }),
        ),
      ],
      'track-shipment/v1': [
        example(
          { trackingNumber: delivered },
          {
            trackingNumber: delivered,
            shipmentRef: 'KQ-SEED-DELIVERED',
            recipient: { fullName: mother.hoTen },
            status: 'delivered',
            events: [{ status: 'booked' }, { status: 'delivered' }],
          },
        ),
        example(
          { trackingNumber: onItsWay },
          {
            recipient: { fullName: father.hoTen },
            status: 'in-transit',
            events: [{ status: 'booked' }, { status: 'picked-up' }, { status: 'in-transit' }],
          },
        ),
      ],
      'proof-of-delivery/v1': [
        example(
          { trackingNumber: delivered },
          {
            trackingNumber: delivered,
            shipmentRef: 'KQ-SEED-DELIVERED',
            receivedBy: { fullName: father.hoTen, relation: 'family' },
          },
        ),
      ],
    },
    refusals: [
      {
        service: 'track-shipment/v1',
        input: { trackingNumber: 'EB000000000VN' },
        notFound: true,
        upstreamCode: '104',
      },
      {
        service: 'proof-of-delivery/v1',
        input: { trackingNumber: onItsWay },
        notFound: true,
        upstreamCode: '305',
      },
      { service: 'book-pickup/v1', input: booking('KQ-SEED-DELIVERED'), upstreamCode: '209' },
    ],
  };
}
