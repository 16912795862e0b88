/** The conformance spec of health-insurance: examples that must work against its simulator, and refusals. */
import { todayInVietnam } from '../../contracts/validators/date';
import { LATEST_CATALOGUE } from '../../contracts/validators/admin-units';
import type { ConformanceSpec } from '../sdk/conformance';
import { getPopulation, type SynthPerson } from '../sdk/simulator/population';
import { adapter } from './index';
import { scenarioBirthCertificateNumber } from './scenario';
import { createHealthInsuranceSimulator } from './simulator';
import { plannedBirthCertificates } from './simulator/birth-certificates';
import { DEFAULT_SETTINGS } from './simulator/settings';

/**
 * A boy born a month ago in Hà Nội and his personal ID (century, sex and year digits to match), with a
 * serial range the population database simulator does not use: the example stays under 6 whenever it runs.
 */
function recentNewborn(n: number): { personalId: string; dateOfBirth: string } {
  const dateOfBirth = todayInVietnam(new Date(Date.now() - 30 * 86_400_000));
  const year = Number(dateOfBirth.slice(0, 4));
  const centuryAndSex = 2 * Math.floor((year - 1900) / 100);
  const yy = String(year % 100).padStart(2, '0');
  return { personalId: `001${centuryAndSex}${yy}8${String(n).padStart(5, '0')}`, dateOfBirth };
}

export function conformance(): ConformanceSpec {
  const pop = getPopulation();
  const { birth } = pop.scenarios;
  const home = pop.household(birth.householdId)!;
  const motherCard = pop.healthCards.find((c) => c.holderId === birth.motherId)!;
  // A child with a TE card, under 6 for years to come (the population's "today" is 2026-01-01).
  const child = pop.healthCards.find(
    (c) => c.group === 'TE' && pop.person(c.holderId)!.dateOfBirth >= '2024-01-01',
  )!;
  const household = (p: SynthPerson) => pop.household(p.householdId)!.memberIds.map((id) => pop.person(id)!);
  // Writes the upstream refuses to repeat need fresh data per call: newborns, and insured people who live
  // with someone (a relative claims).
  let newborns = 0;
  const livingWithSomeone = (...groups: readonly string[]) =>
    pop.healthCards
      .filter((c) => groups.includes(c.group))
      .map((c) => pop.person(c.holderId)!)
      .filter((p) => household(p).length > 1);
  const insured = livingWithSomeone(...DEFAULT_SETTINGS.insuredGroups);
  let claims = 0;
  const claimFor = (deceased: SynthPerson) => {
    const relative = household(deceased).find((m) => m.personalId !== deceased.personalId)!;
    return {
      deceasedPersonalId: deceased.personalId,
      deathRegisterNumber: '15/2026',
      dateOfDeath: '2026-01-10',
      claimant: { personalId: relative.personalId, fullName: relative.fullName, relation: 'other-relative' },
      bankAccount: { bankCode: '970436', accountNumber: '0071000123456', accountHolder: relative.fullName },
    };
  };
  const claim = () => claimFor(insured[claims++ % insured.length]);
  // A certificate of another couple, signed at a commune health station.
  const otherCertificate = plannedBirthCertificates(pop)[1];
  const address = {
    text: home.address.text,
    houseNumber: home.address.houseNumber,
    street: home.address.street,
    communeCode: home.address.communeCode,
    provinceCode: home.address.provinceCode,
    catalogue: LATEST_CATALOGUE,
  };
  const childCard = (personalId: string, dateOfBirth: string) => ({
    personalId,
    fullName: 'Phạm Lê Minh An',
    dateOfBirth,
    sex: 'male',
    primaryCareFacilityCode: motherCard.facilityCode,
    address,
  });

  return {
    adapter: adapter as ConformanceSpec['adapter'],
    simulator: createHealthInsuranceSimulator,
    examples: {
      'card-of-person/v1': [{ personalId: birth.motherId }, { personalId: child.holderId }],
      'issue-child-card/v1': [
        () => {
          const { personalId, dateOfBirth } = recentNewborn(++newborns);
          return childCard(personalId, dateOfBirth);
        },
      ],
      'funeral-allowance-claim/v1': [claim],
      'birth-certificate/v1': [
        { number: scenarioBirthCertificateNumber(), motherPersonalId: birth.motherId },
        { number: otherCertificate.number, motherPersonalId: otherCertificate.motherId },
      ],
    },
    refusals: [
      { service: 'card-of-person/v1', input: { personalId: '001099999999' }, notFound: true },
      // Aged 6 or more (TRE_DU_6_TUOI).
      { service: 'issue-child-card/v1', input: childCard('001219800001', '2019-05-01') },
      // A child the population knows, under another name (KHONG_XAC_MINH_DUOC_NHAN_THAN).
      {
        service: 'issue-child-card/v1',
        input: {
          ...childCard(child.holderId, pop.person(child.holderId)!.dateOfBirth),
          sex: pop.person(child.holderId)!.sex,
        },
      },
      // A facility the upstream does not know (MA_KCB_KHONG_HOP_LE).
      {
        service: 'issue-child-card/v1',
        input: { ...childCard('001225700001', '2025-12-01'), primaryCareFacilityCode: '01999' },
      },
      // Not insured for the grant: a household-group card (KHONG_DU_DIEU_KIEN).
      {
        service: 'funeral-allowance-claim/v1',
        input: claimFor(livingWithSomeone('GD')[0]),
      },
      {
        service: 'funeral-allowance-claim/v1',
        input: { ...claimFor(insured[0]), deceasedPersonalId: '001099999999' },
        notFound: true,
      },
      {
        service: 'birth-certificate/v1',
        input: { number: 'GCS-01001-9999999', motherPersonalId: birth.motherId },
        notFound: true,
      },
      // The right number asked for by someone who is not the mother on it.
      {
        service: 'birth-certificate/v1',
        input: { number: scenarioBirthCertificateNumber(), motherPersonalId: otherCertificate.motherId },
        notFound: true,
      },
    ],
  };
}
