/**
 * The conformance spec of tax: examples that must work against its simulator. Registrations take a person the
 * authority does not know yet each time, and every transfer slip comes under a fresh dossier code, because the
 * authority refuses to register a person or to notify a dossier twice.
 */
import type { ConformanceSpec } from '../sdk/conformance';
import { getPopulation } from '../sdk/simulator/population';
import { addressOf, nextObligationsRequest, nextRegistration, partyOf, unregistered } from './examples';
import { adapter } from './index';
import { createTaxSimulator, SEEDED_NOTICES } from './simulator';

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const business = pop.businesses[0];
  const withOldCode = pop.persons.find(
    (p) => p.taxId && !pop.businesses.some((b) => b.ownerId === p.personalId),
  )!;
  // From the end of the pool: the registration examples take people from its start.
  const [stranger, misnamed] = unregistered(pop).slice(-2);
  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createTaxSimulator,
    examples: {
      'taxpayer/v1': [
        { personalId: business.ownerId },
        { taxId: withOldCode.taxId },
        { taxId: withOldCode.personalId },
      ],
      'register-taxpayer/v1': [() => nextRegistration(pop, false), () => nextRegistration(pop, true)],
      'obligations-for-transfer/v1': [() => nextObligationsRequest(pop)],
      'payment-status/v1': [{ noticeNumber: SEEDED_NOTICES.unpaid }, { noticeNumber: SEEDED_NOTICES.paid }],
    },
    refusals: [
      { service: 'taxpayer/v1', input: { personalId: stranger.personalId }, notFound: true },
      { service: 'payment-status/v1', input: { noticeNumber: '999999/TB-10100' }, notFound: true },
      {
        // Already known to the authority (an older 10-digit code): DA_CO_MST.
        service: 'register-taxpayer/v1',
        input: { taxpayer: partyOf(withOldCode), address: addressOf(withOldCode.permanentAddress) },
      },
      {
        // A name the population database does not hold for that ID: KHONG_KHOP_CSDL_DAN_CU.
        service: 'register-taxpayer/v1',
        input: {
          taxpayer: { ...partyOf(misnamed), fullName: 'Người Khác Tên' },
          address: addressOf(misnamed.permanentAddress),
        },
      },
    ],
  };
}
