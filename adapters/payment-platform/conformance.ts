/**
 * The conformance spec of payment-platform: payment requests (fresh references) with their canonical
 * answers, the status of the platform's seeded payments (a paid one with its receipt, a pending one), and
 * the platform's refusals with its own codes.
 */
import { example, type ConformanceSpec } from '../sdk/conformance';
import { adapter } from './index';
import { createPaymentPlatformSimulator } from './simulator';

let n = 0;
const fresh = () => `HS-CONF-${process.pid}-${Date.now()}-${++n}`;

export function conformance(): ConformanceSpec {
  const request = (paymentRef: string) => ({
    paymentRef,
    dossierCode: 'HS-2026-000777',
    procedureCode: '1.003010',
    payer: { kind: 'individual', fullName: 'Trần Thị Hoa', personalId: '079303000123' },
    items: [
      { kind: 'fee', description: 'Lệ phí đăng ký biến động đất đai', amount: 50_000 },
      {
        kind: 'tax',
        description: 'Thuế thu nhập cá nhân',
        amount: 30_000_000,
        noticeNumber: '001000/TB-10100',
      },
    ],
    description: 'Nộp thuế, lệ phí hồ sơ HS-2026-000777',
  });
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createPaymentPlatformSimulator,
    examples: {
      'request-payment/v1': [
        example(
          () => request(fresh()),
          (input: { paymentRef: string }) => ({
            paymentRef: input.paymentRef,
            dossierCode: 'HS-2026-000777',
            procedureCode: '1.003010',
            payer: { kind: 'individual', fullName: 'Trần Thị Hoa', personalId: '079303000123' },
            items: [
              { kind: 'fee', amount: 50_000 },
              { kind: 'tax', amount: 30_000_000, noticeNumber: '001000/TB-10100' },
            ],
            amount: 30_050_000,
            currency: 'VND',
            status: 'pending',
          }),
        ),
      ],
      'payment-status/v1': [
        example(
          { paymentRef: 'HS-SEED-PAID' },
          {
            paymentRef: 'HS-SEED-PAID',
            dossierCode: 'HS-2026-000101',
            payer: { kind: 'individual', fullName: 'Nguyễn Văn Nam', personalId: '001099012345' },
            items: [{ kind: 'fee', description: 'Lệ phí đăng ký biến động đất đai', amount: 50_000 }],
            amount: 50_000,
            status: 'paid',
            receipt: { channel: 'qr', amount: 50_000, bank: 'Ngân hàng TMCP Ngoại thương Việt Nam' },
          },
        ),
        example(
          { paymentRef: 'HS-SEED-PENDING' },
          {
            payer: { kind: 'organisation', fullName: 'Công ty TNHH Hoa Sen Việt', taxCode: '0100109106' },
            items: [
              { kind: 'charge', amount: 200_000 },
              { kind: 'fee', amount: 100_000 },
            ],
            amount: 300_000,
            status: 'pending',
          },
        ),
      ],
    },
    refusals: [
      {
        service: 'payment-status/v1',
        input: { paymentRef: 'HS-KHONG-CO' },
        notFound: true,
        upstreamCode: '11',
      },
      { service: 'request-payment/v1', input: request('HS-SEED-PAID'), upstreamCode: '22' },
    ],
  };
}
