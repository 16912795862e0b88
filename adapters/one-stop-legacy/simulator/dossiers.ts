/**
 * The ~60 dossiers the simulated system holds, generated deterministically from the shared synthetic population:
 * applicants are real synthetic citizens (or household businesses) of Hà Nội, their addresses given as the legacy
 * system knows them — the pre-2025 commune (`legacyCommuneCode`), its old district and the old names. Each is
 * built as canonical dossier@2 and turned into the system's record by the adapter's own mapping (toHoSo), so the
 * simulator and the adapter agree by construction; text stays Unicode here and is encoded when served.
 */
import { lookupCommune } from '../../../contracts/validators/admin-units';
import {
  getPopulation,
  mulberry32,
  type SynthAddress,
  type SynthPerson,
} from '../../sdk/simulator/population';
import { onlineServiceOfLevel, PROCEDURE_CODES } from '../codes';
import type { HoSo } from '../dialect';
import { toHoSo, type AddressOut, type DossierOut } from '../mapping';
import { addYears, nextDay } from '../two-digit-year';
import { DOSSIER_PREFIX, PROCEDURES, type SimProcedure } from './catalogue';
import { districtOf } from './districts';
import { buildTimeline, canonical, workdayFrom, type Local } from './timeline';

export const DOSSIER_COUNT = 60;
const SEED = 2012;
const FIRST_DAY = '2025-01-06';
/** Most dossiers are spread over the year; the last ones over December, still open on the reference date. */
const EARLY = 44;
const EARLY_SPAN_DAYS = 325;
const DECEMBER = '2025-12-01';

/** The day dossier `i` is received (before moving to a working day). */
function receptionDay(i: number, int: (min: number, max: number) => number): string {
  let day = i < EARLY ? FIRST_DAY : DECEMBER;
  const offset =
    i < EARLY
      ? Math.round((i * EARLY_SPAN_DAYS) / EARLY) + int(0, 3)
      : Math.round(((i - EARLY) * 30) / (DOSSIER_COUNT - EARLY)) + int(0, 1);
  for (let k = 0; k < offset; k++) day = nextDay(day);
  return day;
}

export interface SimDossier {
  code: string;
  /** Canonical timestamp of reception. */
  receivedAt: string;
  /** The dossier as the adapter should return it (before the contract's defaults and derived fields). */
  canonical: DossierOut;
  /** The system's record, text in Unicode. */
  record: HoSo;
  /** The applicant's personal ID (the owner's, for a household business). */
  applicantId: string;
  /** The legacy commune of the applicant's address. */
  legacyCommuneCode: string;
}

interface Applicant {
  person: SynthPerson;
  kind: 1 | 2;
  name: string;
  id: string;
  address: SynthAddress;
}

/** The address as the legacy system holds it: old commune, old district, old names in the full text. */
export function legacyAddress(a: SynthAddress): AddressOut | undefined {
  const code = a.legacyCommuneCode;
  const district = code ? districtOf(code) : undefined;
  const commune = code ? lookupCommune(code, 'legacy') : undefined;
  if (!code || !district || !commune) return undefined;
  const place = a.street ? `${a.houseNumber} ${a.street}` : `Số ${a.houseNumber}, ${a.hamlet}`;
  return {
    text: `${place}, ${commune.name}, ${district.name}, Thành phố Hà Nội`,
    houseNumber: a.houseNumber || undefined,
    street: a.street,
    hamlet: a.hamlet,
    communeCode: code,
    legacyDistrictCode: district.code,
    provinceCode: a.legacyProvinceCode,
    catalogue: 'legacy',
  };
}

function applicants(): { citizens: Applicant[]; businesses: Applicant[]; officers: string[] } {
  const pop = getPopulation();
  const adult = (p: SynthPerson) => p.dateOfBirth <= addYears(FIRST_DAY, -18);
  const known = (a: SynthAddress) => a.legacyProvinceCode === '01' && legacyAddress(a) !== undefined;
  const people = pop.persons
    .filter((p) => adult(p) && known(p.permanentAddress))
    .sort((a, b) => (a.personalId < b.personalId ? -1 : 1));
  const citizens = people.map((p) => ({
    person: p,
    kind: 1 as const,
    name: p.fullName,
    id: p.personalId,
    address: p.permanentAddress,
  }));
  const businesses = pop.businesses
    .filter((b) => known(b.address))
    .map((b) => ({
      person: pop.person(b.ownerId)!,
      kind: 2 as const,
      name: b.businessName,
      id: b.taxCode,
      address: b.address,
    }));
  const officers = people.filter((p) => p.occupation === 'Công chức').map((p) => p.fullName);
  return { citizens, businesses, officers: officers.slice(0, 4) };
}

/** Builds the dossiers afresh (deterministic: the same every time); `simulatedDossiers` keeps one copy. */
export function generateDossiers(): SimDossier[] {
  const r = mulberry32(SEED);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const rnd = { chance: (p: number) => r() < p, int };
  const { citizens, businesses, officers } = applicants();
  const weights = PROCEDURES.reduce((s, p) => s + p.weight, 0);
  const pick = (): SimProcedure => {
    let x = r() * weights;
    for (const p of PROCEDURES) if ((x -= p.weight) < 0) return p;
    return PROCEDURES[PROCEDURES.length - 1];
  };
  const pool = [...citizens];
  const perDay = new Map<string, number>();
  const out: SimDossier[] = [];
  for (let i = 0; i < DOSSIER_COUNT; i++) {
    // The last two arrive on the year's last afternoon: one is accepted, one (online, 16:45) is still new.
    const lastDay = i >= DOSSIER_COUNT - 2;
    const day = lastDay ? '2025-12-31' : workdayFrom(receptionDay(i, int));
    const minutes = lastDay ? (i === DOSSIER_COUNT - 1 ? 1005 : 840) : 450 + int(0, 510); // 07:30–16:00
    const received: Local = `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const proc = pick();
    const who =
      proc.applicant === 'business' && businesses.length
        ? businesses[int(0, businesses.length - 1)]
        : pool.splice(int(0, pool.length - 1), 1)[0];
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const code = `${DOSSIER_PREFIX}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(4, '0')}`;
    const life = buildTimeline(received, proc, officers, rnd);
    const online = proc.level > 2 && rnd.chance(0.5);
    const channel = online ? 2 : rnd.chance(0.06) ? 3 : 1;
    const paid = life.status !== 1 && life.status !== 3;
    const pages = proc.fee?.perPage ? int(1, 8) : 1;
    const canonicalDossier: DossierOut = {
      dossierCode: code,
      procedureCode: PROCEDURE_CODES[proc.legacyCode],
      procedureName: proc.name,
      applicant: {
        name: who.name,
        kind: who.kind,
        id: who.id,
        ...(who.person.phone && { phone: who.person.phone }),
        ...(who.person.email && { email: who.person.email }),
        address: legacyAddress(who.address)!,
      },
      summary: `${proc.name} của ${who.name}`,
      receivedAt: canonical(received),
      dueAt: canonical(life.dueAt),
      ...(life.finishedAt && { finishedAt: canonical(life.finishedAt) }),
      ...(life.returnedAt && { returnedAt: canonical(life.returnedAt) }),
      processingUnit: proc.unit,
      channel,
      onlineService: onlineServiceOfLevel(proc.level),
      onlinePayment: channel === 2 && proc.level === 4,
      fees: proc.fee
        ? [
            {
              name: proc.fee.name,
              amount: proc.fee.amount * pages,
              paid,
              ...(paid && { voucherNumber: `BL${day.slice(2, 4)}-${String(i + 1).padStart(6, '0')}` }),
            },
          ]
        : [],
      documents: proc.documents.map((d) => ({ ...d })),
      status: life.status,
      history: life.history,
    };
    const record = toHoSo(canonicalDossier, {
      applicantDateOfBirth: who.kind === 1 ? who.person.dateOfBirth : undefined,
    });
    // Citizens who had a mobile before 2018 still have the 11-digit number in the system.
    if (who.kind === 1 && who.person.legacyPhone) record.NguoiNop.DienThoai = who.person.legacyPhone;
    out.push({
      code,
      receivedAt: canonicalDossier.receivedAt,
      canonical: canonicalDossier,
      record,
      applicantId: who.person.personalId,
      legacyCommuneCode: who.address.legacyCommuneCode!,
    });
  }
  return out.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
}

let cache: readonly SimDossier[] | undefined;

/** The simulated system's dossiers, in order of reception (deterministic, built once, frozen). */
export function simulatedDossiers(): readonly SimDossier[] {
  if (!cache) cache = Object.freeze(generateDossiers().map((d) => deepFreeze(d)));
  return cache;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
