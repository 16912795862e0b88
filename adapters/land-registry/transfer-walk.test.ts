/**
 * The land-use-right transfer joint procedure walked through both simulators with both adapters, each output
 * normalised against its contract and each input validated against the next service's request, as the hub
 * would: register (land) → Mẫu 15 slip (land) → obligations (tax) → payment confirmed by the treasury (tax
 * dialect) → payment-status paid (tax) → complete-transfer (land).
 */
import axios from 'axios';
import { Agent } from 'node:http';
import { validateRecord } from '../../contracts';
import {
  createAdapterInstance,
  type AdapterDefinition,
  type AdapterInstance,
  type RunningSimulator,
} from '../sdk';
import { callContext, silentLogger } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { adapter as taxAdapter } from '../tax';
import { createTaxSimulator } from '../tax/simulator';
import { transferOf } from './examples';
import { adapter as landAdapter } from './index';
import { createLandRegistrySimulator } from './simulator';

type Obligation = { noticeNumber: string; amount: number; kind: string; basis: { taxableValue: number } };

describe('land-use-right transfer through the land registry and tax', () => {
  const pop = getPopulation();
  const agent = new Agent({ keepAlive: true });
  let landSim: RunningSimulator;
  let taxSim: RunningSimulator;
  let land: AdapterInstance;
  let tax: AdapterInstance;

  /** Calls a service the way the hub does: input validated (and normalised) by the request contract. */
  async function hub(instance: AdapterInstance, service: string, input: unknown, idempotencyKey?: string) {
    const svc = instance.service(service)!;
    const { error, value } = svc.input.validate(input, { abortEarly: false });
    if (error) throw error;
    return instance.call(svc, value, callContext(3000, { idempotencyKey }));
  }
  /** An output normalised against its contract, as the hub passes it on. */
  function normalised(contract: string, record: unknown): Record<string, unknown> {
    const v = validateRecord(contract, record);
    if (!v.ok) throw new Error(JSON.stringify(v.problem.errors));
    return v.value;
  }

  beforeAll(async () => {
    landSim = await createLandRegistrySimulator().start();
    taxSim = await createTaxSimulator().start();
    land = createAdapterInstance(
      landAdapter as AdapterDefinition,
      { baseUrl: landSim.url },
      { agent, logger: silentLogger },
    );
    tax = createAdapterInstance(
      taxAdapter as AdapterDefinition,
      { baseUrl: taxSim.url },
      { agent, logger: silentLogger },
    );
  });
  afterAll(async () => {
    await land.close();
    await tax.close();
    agent.destroy();
    await Promise.all([landSim.close(), taxSim.close()]);
  });

  it('registers, slips, notifies, is paid, and ends with the buyer holding the endorsed parcel', async () => {
    const { parcel, transferorIds, transfereeId } = pop.scenarios.land;
    const declaredPrice = 6_000_000_000;
    const registration = {
      ...transferOf(pop, parcel, pop.person(transfereeId)!, 'HS-01-2025-WALK'),
      declaredPrice,
    };

    // 2. Registration of the change at the land office.
    const transfer = normalised('land-transfer@1', await hub(land, 'register-transfer', registration, 'd-1'));
    expect(transfer).toMatchObject({ status: 'received', dossierCode: 'HS-01-2025-WALK' });
    const early = await hub(land, 'complete-transfer', {
      dossierCode: 'HS-01-2025-WALK',
      vouchers: [{ noticeNumber: 'x', voucherNumber: 'y', paidAt: '2025-12-28T10:00:00+07:00', amount: 1 }],
    }).catch((e: { upstreamCode?: string }) => e.upstreamCode);
    expect(early).toBe('CHUA_CHUYEN_THUE');

    // 3. The land office sends the Mẫu 15 slip to tax.
    const slip = normalised(
      'information-slip@1',
      await hub(land, 'issue-information-slip', { dossierCode: 'HS-01-2025-WALK' }, 'd-2'),
    );
    expect(slip).toMatchObject({
      areaM2: parcel.areaM2,
      landPricePerM2: parcel.landPricePerM2,
      declaredPrice,
    });

    // 4. Tax computes the obligations and issues its notices (the dossier goes to status 6).
    const notified = (await hub(
      tax,
      'obligations-for-transfer',
      { dossierCode: 'HS-01-2025-WALK', informationSlip: slip },
      'd-3',
    )) as {
      obligations: Obligation[];
      total: number;
    };
    const taxable = Math.max(declaredPrice, Math.round(parcel.areaM2 * parcel.landPricePerM2));
    expect(notified.obligations.map((o) => [o.kind, o.basis.taxableValue, o.amount])).toEqual([
      ['personal-income-tax', taxable, Math.round(taxable * 0.02)],
      ['registration-fee', taxable, Math.round(taxable * 0.005)],
    ]);
    expect(notified.total).toBe(notified.obligations[0].amount + notified.obligations[1].amount);

    // 5. The taxpayers pay; the treasury confirms each payment; the engine polls payment-status.
    for (const o of notified.obligations) {
      expect(await hub(tax, 'payment-status', { noticeNumber: o.noticeNumber })).toMatchObject({
        paymentStatus: 'unpaid',
      });
      await axios.post(`${taxSim.url}/api/kho-bac/xac-nhan-nop`, {
        soThongBao: o.noticeNumber,
        soTien: o.amount,
        soChungTu: `KB-${o.noticeNumber.slice(0, 6)}`,
        kenhNop: 'KHO_BAC',
      });
    }
    const paid = [];
    for (const o of notified.obligations) {
      const status = normalised(
        'tax-obligation@1',
        await hub(tax, 'payment-status', { noticeNumber: o.noticeNumber }),
      );
      expect(status).toMatchObject({ paymentStatus: 'paid', payment: { amount: o.amount } });
      paid.push(
        status as {
          noticeNumber: string;
          payment: { voucherNumber: string; paidAt: string; amount: number };
        },
      );
    }

    // 6. The land office updates the records and endorses the certificate.
    const vouchers = paid.map(({ noticeNumber, payment: { voucherNumber, paidAt, amount } }) => ({
      noticeNumber,
      voucherNumber,
      paidAt,
      amount,
    }));
    const after = normalised(
      'land-parcel@1',
      await hub(land, 'complete-transfer', { dossierCode: 'HS-01-2025-WALK', vouchers }, 'd-4'),
    );
    expect((after.holders as { personalId: string }[]).map((h) => h.personalId)).toEqual([transfereeId]);
    expect(after.certificate).toMatchObject({ serial: parcel.certificate.serial });
    expect((after.certificate as { registerNumber: string }).registerNumber).not.toBe(
      parcel.certificate.registerNumber,
    );
    const read = (await hub(land, 'parcel', {
      communeCode: parcel.communeCode,
      mapSheetNumber: parcel.mapSheetNumber,
      parcelNumber: parcel.parcelNumber,
    })) as {
      holders: { personalId: string }[];
    };
    expect(read.holders.map((h) => h.personalId)).toEqual([transfereeId]);
    expect(read.holders.map((h) => h.personalId)).not.toEqual(transferorIds);
  });
});
