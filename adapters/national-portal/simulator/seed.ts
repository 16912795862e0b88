/**
 * The dossiers the simulated portal already holds when it starts (and after a reset), built from the shared
 * synthetic population as canonical dossier@2 records, so the demo and the conformance suite have dossiers
 * to update, rate and look up without syncing first. Deterministic: fixed people, fixed 2025 timelines.
 *
 * Procedure codes other than 1.000656 (death registration) follow the portal's `d.dDDDDD` shape but are
 * unverified. Unit codes are synthetic (`UBND.<commune code>`). People of the demo scenarios other than the
 * death declarant are left alone, so the birth, land and business procedures start from a clean slate.
 */
import type { Dossier } from '../../../contracts';
import { ageAt, getPopulation, type SynthPerson } from '../../sdk/simulator/population';

export interface PortalSeeds {
  /** Death registration in processing (status 4): the dossier status changes go to. */
  processing: Dossier;
  /** Household business registration, returned (10), late on the calendar but on time once the
   *  supplement time is deducted: the dossier ratings go to. */
  returnedOnTime: Dossier;
  /** Permanent-residence registration waiting for the citizen's supplement (5): not yet ratable. */
  supplementRequested: Dossier;
  /** Copy of a civil-status extract, returned late (10), no supplement. */
  returnedLate: Dossier;
}

const ts = (local: string): string => `${local}+07:00`;

const applicant = (p: SynthPerson): Dossier['applicant'] => ({
  name: p.fullName,
  kind: 1,
  id: p.personalId,
  ...(p.phone ? { phone: p.phone } : {}),
  ...(p.email ? { email: p.email } : {}),
  address: { text: p.permanentAddress.text, country: 'VN' },
});

const commune = (p: SynthPerson) => ({
  code: `UBND.${p.permanentAddress.communeCode}`,
  name: `UBND ${p.permanentAddress.communeName}`,
});

const code = (p: SynthPerson, day: string, n: number) =>
  `000.00.${p.permanentAddress.communeCode}-${day}-${String(n).padStart(4, '0')}`;

let memo: PortalSeeds | undefined;

export function portalSeeds(): PortalSeeds {
  if (memo) return memo;
  const pop = getPopulation();
  const s = pop.scenarios;
  const taken = new Set([
    s.birth.motherId,
    s.birth.fatherId,
    s.death.deceasedId,
    s.death.declarantId,
    s.business.ownerId,
    s.land.transfereeId,
    ...s.land.transferorIds,
  ]);
  const adults = pop.persons.filter((p) => ageAt(p.dateOfBirth) >= 25 && p.phone && !taken.has(p.personalId));
  const declarant = pop.person(s.death.declarantId) as SynthPerson;
  const [resident, requester, owner] = [adults[3], adults[11], adults[19]];

  const base = {
    onlinePayment: false,
    fees: [],
    documents: [],
  };
  memo = {
    processing: {
      ...base,
      dossierCode: code(declarant, '251202', 1),
      procedureCode: '1.000656',
      procedureName: 'Đăng ký khai tử',
      applicant: applicant(declarant),
      summary: 'Đăng ký khai tử cho cha, liên thông xoá đăng ký thường trú và trợ cấp mai táng',
      receivedAt: ts('2025-12-02T08:30:00'),
      dueAt: ts('2025-12-03T17:00:00'),
      processingUnit: commune(declarant),
      channel: 2,
      documents: [{ code: 'GBT', name: 'Giấy báo tử', reference: 'GBT-79-2025-004512' }],
      status: 4,
      history: [
        { at: ts('2025-12-02T08:30:00'), status: 1 },
        { at: ts('2025-12-02T09:00:00'), status: 2, unit: commune(declarant) },
        {
          at: ts('2025-12-02T09:15:00'),
          status: 4,
          unit: commune(declarant),
          note: 'Chuyển bộ phận hộ tịch',
        },
      ],
      onlineService: 'end-to-end',
    },
    returnedOnTime: {
      ...base,
      dossierCode: code(owner, '251103', 7),
      procedureCode: '2.000720',
      procedureName: 'Đăng ký thành lập hộ kinh doanh',
      applicant: applicant(owner),
      receivedAt: ts('2025-11-03T08:00:00'),
      dueAt: ts('2025-11-06T17:00:00'),
      finishedAt: ts('2025-11-07T15:00:00'),
      returnedAt: ts('2025-11-08T09:00:00'),
      processingUnit: commune(owner),
      channel: 2,
      onlinePayment: true,
      fees: [
        { name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000, paid: true, voucherNumber: 'BL-0012345' },
      ],
      status: 10,
      history: [
        { at: ts('2025-11-03T08:00:00'), status: 1 },
        { at: ts('2025-11-03T08:30:00'), status: 2, unit: commune(owner) },
        { at: ts('2025-11-03T09:00:00'), status: 4, unit: commune(owner) },
        {
          at: ts('2025-11-04T10:00:00'),
          status: 5,
          unit: commune(owner),
          note: 'Bổ sung hợp đồng thuê địa điểm kinh doanh',
          dueAt: ts('2025-11-07T17:00:00'),
        },
        { at: ts('2025-11-06T09:00:00'), status: 4, unit: commune(owner), note: 'Đã nhận bổ sung' },
        { at: ts('2025-11-07T15:00:00'), status: 9, unit: commune(owner) },
        { at: ts('2025-11-08T09:00:00'), status: 10, unit: commune(owner) },
      ],
      onlineService: 'partial',
    },
    supplementRequested: {
      ...base,
      dossierCode: code(resident, '251215', 3),
      procedureCode: '1.004194',
      procedureName: 'Đăng ký thường trú',
      applicant: applicant(resident),
      receivedAt: ts('2025-12-15T14:00:00'),
      dueAt: ts('2025-12-22T17:00:00'),
      processingUnit: { code: `CA.${resident.permanentAddress.communeCode}`, name: 'Công an cấp xã' },
      channel: 1,
      status: 5,
      history: [
        { at: ts('2025-12-15T14:00:00'), status: 2 },
        { at: ts('2025-12-15T14:20:00'), status: 4 },
        {
          at: ts('2025-12-16T10:00:00'),
          status: 5,
          note: 'Bổ sung giấy tờ chứng minh chỗ ở hợp pháp',
          dueAt: ts('2025-12-26T17:00:00'),
        },
      ],
      onlineService: 'partial',
    },
    returnedLate: {
      ...base,
      dossierCode: code(requester, '251001', 12),
      procedureCode: '2.000635',
      procedureName: 'Cấp bản sao trích lục hộ tịch',
      applicant: applicant(requester),
      receivedAt: ts('2025-10-01T08:00:00'),
      dueAt: ts('2025-10-02T17:00:00'),
      finishedAt: ts('2025-10-06T10:00:00'),
      returnedAt: ts('2025-10-06T14:00:00'),
      processingUnit: commune(requester),
      channel: 3,
      fees: [{ name: 'Phí cấp bản sao trích lục', amount: 8_000, paid: true }],
      status: 10,
      history: [
        { at: ts('2025-10-01T08:00:00'), status: 2 },
        { at: ts('2025-10-01T08:10:00'), status: 4 },
        { at: ts('2025-10-06T10:00:00'), status: 9 },
        { at: ts('2025-10-06T14:00:00'), status: 10 },
      ],
      onlineService: 'none',
    },
  };
  return memo;
}
