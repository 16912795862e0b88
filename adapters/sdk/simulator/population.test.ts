/**
 * The shared synthetic population: shape, determinism, every identifier against the project's validators,
 * family invariants, uniqueness and the documented scenarios. One generation is shared by all tests; checks
 * over the whole population collect their failures and assert once (fast, and the message lists the culprits).
 */
import { lookupCommune, mapLegacyCommune } from '../../../contracts/validators/admin-units';
import {
  checkPersonalIdAgainstRecord,
  parseLegacyId,
  parsePersonalId,
} from '../../../contracts/validators/personal-id';
import { nameSearchKey, namesEqual, normaliseName } from '../../../contracts/validators/name';
import { normalisePhone } from '../../../contracts/validators/phone';
import { parseTaxCode } from '../../../contracts/validators/tax-code';
import { OLD_TONE_PLACEMENT } from './names';
import {
  DEFAULT_SEED,
  REFERENCE_DATE,
  ageAt,
  generatePopulation,
  getPopulation,
  type SynthAddress,
  type SynthPerson,
} from './population';

const NOW = new Date(`${REFERENCE_DATE}T00:00:00+07:00`);
const pop = getPopulation();
const person = (id: string): SynthPerson => {
  const p = pop.person(id);
  if (!p) throw new Error(`no person ${id}`);
  return p;
};
const yearOf = (p: SynthPerson) => Number(p.dateOfBirth.slice(0, 4));
const words = (p: SynthPerson) => p.fullName.split(' ');
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const share = (n: number, total: number) => n / total;

function duplicates(xs: readonly string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => seen.has(x) || !seen.add(x));
}

/** The rules each item breaks, as "label: rule" (at most 20). */
function failures<T>(
  items: readonly T[],
  label: (x: T) => string,
  rules: Record<string, (x: T) => boolean>,
): string[] {
  const out: string[] = [];
  for (const x of items) {
    for (const [rule, ok] of Object.entries(rules)) if (!ok(x)) out.push(`${label(x)}: ${rule}`);
    if (out.length >= 20) break;
  }
  return out;
}

const addresses: SynthAddress[] = [
  ...pop.persons.map((p) => p.permanentAddress),
  ...pop.households.map((h) => h.address),
  ...pop.parcels.map((p) => p.address),
  ...pop.businesses.map((b) => b.address),
];

describe('shape', () => {
  it('has the required sizes', () => {
    expect(pop.households.length).toBeGreaterThanOrEqual(400);
    expect(pop.persons.length).toBeGreaterThanOrEqual(1200);
    expect(pop.parcels.length).toBeGreaterThanOrEqual(300);
    expect(pop.businesses.length).toBeGreaterThanOrEqual(60);
    expect(pop.healthCards).toHaveLength(pop.persons.length);
    expect(pop.marriages.length).toBeGreaterThan(200);
    expect(pop.births.length).toBeGreaterThan(300);
  });

  it('spreads households over the five municipalities and a few provinces', () => {
    const byProvince = new Map<string, number>();
    for (const h of pop.households) {
      byProvince.set(h.address.provinceCode, (byProvince.get(h.address.provinceCode) ?? 0) + 1);
    }
    for (const code of ['01', '79', '48', '31', '92']) {
      expect(share(byProvince.get(code) ?? 0, pop.households.length)).toBeGreaterThan(0.04);
    }
    expect(byProvince.size).toBeGreaterThanOrEqual(8);
  });

  it('has realistic household compositions', () => {
    const members = pop.households.map((h) => h.memberIds.map(person));
    const singleElderly = members.filter((m) => m.length === 1 && ageAt(m[0].dateOfBirth) >= 65);
    const threeGenerations = members.filter((m) =>
      m.some((p) => p.relationToHead === 'parent' || p.relationToHead === 'grandchild'),
    );
    const couplesAlone = members.filter((m) => m.length === 2 && m[0].spouseId === m[1].personalId);
    expect(singleElderly.length).toBeGreaterThan(10);
    expect(threeGenerations.length).toBeGreaterThan(40);
    expect(couplesAlone.length).toBeGreaterThan(40);
    const children = members.map((m) => m.filter((p) => p.relationToHead === 'child').length);
    expect(Math.max(...children)).toBeLessThanOrEqual(4);
    const relations = [...new Set(pop.persons.map((p) => p.relationToHead))].sort();
    expect(relations).toEqual(['child', 'grandchild', 'other-relative', 'parent', 'self', 'spouse']);
  });

  it('keeps birth dates real, from 1935 to 2025, never after the reference date', () => {
    const real = (d: string) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
    expect(
      failures(pop.persons, (p) => p.personalId, {
        'real date': (p) => /^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth) && real(p.dateOfBirth),
        'born 1935 or later': (p) => yearOf(p) >= 1935,
        'born before the reference date': (p) => p.dateOfBirth < REFERENCE_DATE,
      }),
    ).toEqual([]);
    expect(pop.persons.some((p) => yearOf(p) === 2025)).toBe(true);
    expect(pop.persons.some((p) => yearOf(p) < 1945)).toBe(true);
  });

  it('uses Vietnamese names with realistic frequencies, tone-placement variants and minorities', () => {
    expect(pop.persons.filter((p) => p.fullName !== p.fullName.normalize('NFC'))).toEqual([]);
    const kinh = pop.persons.filter((p) => p.ethnicity === 'Kinh');
    const nguyen = share(kinh.filter((p) => words(p)[0] === 'Nguyễn').length, kinh.length);
    expect(nguyen).toBeGreaterThan(0.3);
    expect(nguyen).toBeLessThan(0.48);
    const all = new Set(pop.persons.flatMap(words));
    for (const w of ['Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Thị', 'Văn', 'Hòa', 'Hoà']) {
      expect(all).toContain(w);
    }
    // The same names with the tone on the main vowel (new style) and on the last one (old style).
    expect(['Thủy', 'Thúy', 'Thùy'].some((w) => all.has(w))).toBe(true);
    expect(['Thuỷ', 'Thuý', 'Thuỳ'].some((w) => all.has(w))).toBe(true);
    const ede = pop.persons.filter((p) => p.ethnicity === 'Ê Đê');
    expect(ede.length).toBeGreaterThan(10);
    expect(ede.filter((p) => !p.fullName.startsWith(p.sex === 'male' ? 'Y ' : "H'"))).toEqual([]);
    const mong = pop.persons.filter((p) => p.ethnicity === 'Mông');
    expect(mong.length).toBeGreaterThan(5);
    expect(mong.filter((p) => p.sex === 'female' && words(p)[1] !== 'Thị')).toEqual([]);
    expect(pop.persons.some((p) => p.ethnicity === 'Tày')).toBe(true);
  });

  it('keeps the personal-ID prefix of the old province of birth (074 in TP.HCM, migrants elsewhere)', () => {
    const hcm = pop.persons.filter((p) => p.permanentAddress.provinceCode === '79');
    expect(hcm.some((p) => p.birthProvincePrefix === '074')).toBe(true);
    expect(hcm.some((p) => p.birthProvincePrefix === '077')).toBe(true);
    const local = pop.persons.filter(
      (p) => p.birthProvincePrefix === `0${p.permanentAddress.legacyProvinceCode}`,
    );
    expect(share(local.length, pop.persons.length)).toBeGreaterThan(0.6);
    expect(share(local.length, pop.persons.length)).toBeLessThan(0.95);
  });
});

describe('determinism', () => {
  it('memoizes per seed and freezes the result', () => {
    expect(getPopulation(DEFAULT_SEED)).toBe(pop);
    expect(Object.isFrozen(pop.persons)).toBe(true);
    expect(Object.isFrozen(pop.persons[0].permanentAddress)).toBe(true);
    expect(() => pop.persons.push(pop.persons[0])).toThrow(TypeError);
  });

  it('gives byte-identical JSON for the same seed and a different population for another seed', () => {
    const again = generatePopulation(DEFAULT_SEED);
    const json = JSON.stringify(pop);
    expect(JSON.stringify(again)).toBe(json);
    const other = generatePopulation(DEFAULT_SEED + 1);
    expect(other.persons[0].personalId).not.toBe(pop.persons[0].personalId);
    expect(JSON.stringify(other)).not.toBe(json);
  });
});

describe('identifiers pass the project validators', () => {
  it('personal IDs: valid, consistent with date of birth and sex, unique to the last 6 digits', () => {
    const parsed = (p: SynthPerson) => parsePersonalId(p.personalId, { now: NOW, allowAbroad: false });
    expect(
      failures(pop.persons, (p) => p.personalId, {
        valid: (p) => parsed(p).ok,
        'matches the record': (p) => {
          const res = parsed(p);
          return res.ok && checkPersonalIdAgainstRecord(res.value, p).length === 0;
        },
        'prefix is birthProvincePrefix': (p) => p.personalId.slice(0, 3) === p.birthProvincePrefix,
      }),
    ).toEqual([]);
    expect(duplicates(pop.persons.map((p) => p.personalId.slice(6)))).toEqual([]);
  });

  it('legacy CMND: 9 digits, adults born before 1995, unique', () => {
    const cmnd = pop.persons.filter((p) => p.legacyCmnd !== undefined);
    expect(cmnd.length).toBeGreaterThan(300);
    expect(
      failures(cmnd, (p) => p.personalId, {
        cmnd9: (p) => {
          const res = parseLegacyId(p.legacyCmnd);
          return res.ok && res.value.kind === 'cmnd9';
        },
        'born before 1995': (p) => yearOf(p) < 1995,
      }),
    ).toEqual([]);
    expect(duplicates(cmnd.map((p) => p.legacyCmnd!))).toEqual([]);
  });

  it('tax codes: valid 10-digit codes, unique per person, the owner’s code for a business', () => {
    const taxIds = pop.persons.flatMap((p) => (p.taxId ? [p.taxId] : []));
    expect(taxIds.length).toBeGreaterThan(150);
    const codes = [...taxIds, ...pop.businesses.map((b) => b.taxCode)];
    expect(
      failures(codes, (c) => c, {
        'valid main code': (c) => {
          const res = parseTaxCode(c, { now: NOW });
          return res.ok && res.value.kind === 'main';
        },
      }),
    ).toEqual([]);
    expect(duplicates(taxIds)).toEqual([]);
    expect(pop.businesses.filter((b) => b.taxCode !== person(b.ownerId).taxId)).toEqual([]);
  });

  it('social-insurance numbers and health cards (TE for children under 6, in force at the reference date)', () => {
    expect(duplicates(pop.persons.map((p) => p.socialInsuranceNumber))).toEqual([]);
    const cardOf = new Map(pop.healthCards.map((c) => [c.holderId, c]));
    expect(cardOf.size).toBe(pop.persons.length);
    const card = (p: SynthPerson) => cardOf.get(p.personalId)!;
    expect(
      failures(pop.persons, (p) => p.personalId, {
        'SI number': (p) => /^\d{10}$/.test(p.socialInsuranceNumber),
        'card number': (p) =>
          /^[A-Z]{2}[1-5]\d{12}$/.test(card(p).number) &&
          card(p).number ===
            `${card(p).group}${card(p).level}${p.permanentAddress.provinceCode}${p.socialInsuranceNumber}`,
        'facility code': (p) => /^\d{5}$/.test(card(p).facilityCode),
        'in force': (p) => card(p).validFrom <= REFERENCE_DATE && REFERENCE_DATE <= card(p).validTo,
        'TE level 1 under 6 only': (p) =>
          ageAt(p.dateOfBirth) < 6 === (card(p).group === 'TE') &&
          (card(p).group !== 'TE' || card(p).level === 1),
      }),
    ).toEqual([]);
    const groups = new Set(pop.healthCards.map((c) => c.group));
    expect(groups).toEqual(new Set(['TE', 'HS', 'SV', 'DN', 'HC', 'HT', 'DT', 'BT', 'GD']));
  });

  it('phones: valid unique mobiles; legacy 11-digit numbers convert back to the current one', () => {
    const phones = pop.persons.filter((p) => p.phone !== undefined);
    expect(duplicates(phones.map((p) => p.phone!))).toEqual([]);
    expect(
      failures(phones, (p) => p.phone!, {
        'valid mobile': (p) => {
          const res = normalisePhone(p.phone);
          return res.ok && res.value.e164 === p.phone && res.value.type === 'mobile';
        },
        'legacy form converts': (p) => {
          if (p.legacyPhone === undefined) return true;
          const res = normalisePhone(p.legacyPhone);
          return /^01\d{9}$/.test(p.legacyPhone) && res.ok && res.value.e164 === p.phone;
        },
        'aged 15 or more': (p) => ageAt(p.dateOfBirth) >= 15,
      }),
    ).toEqual([]);
    const converted = phones.filter((p) => /^\+84(3[2-9]|70|7[6-9]|8[1-5]|5[689])/.test(p.phone!));
    const legacyShare = share(converted.filter((p) => p.legacyPhone).length, converted.length);
    expect(legacyShare).toBeGreaterThan(0.2);
    expect(legacyShare).toBeLessThan(0.5);
  });

  it('names: already normalised; old and new tone placement compare equal', () => {
    expect(
      failures(pop.persons, (p) => p.fullName, {
        'normalised on ingest unchanged': (p) => {
          const res = normaliseName(p.fullName);
          return res.ok && res.value.value === p.fullName && !res.value.changed;
        },
        'search key': (p) => /^[a-z' ]+$/.test(nameSearchKey(p.fullName)),
      }),
    ).toEqual([]);
    const newStyle = new Map(Object.entries(OLD_TONE_PLACEMENT).map(([n, o]) => [o, n]));
    const oldStyle = pop.persons.filter((p) => words(p).some((w) => newStyle.has(w)));
    expect(oldStyle.length).toBeGreaterThan(20);
    for (const p of oldStyle) {
      const modern = words(p)
        .map((w) => newStyle.get(w) ?? w)
        .join(' ');
      expect([modern === p.fullName, namesEqual(modern, p.fullName)]).toEqual([false, true]);
    }
  });

  it('e-mail addresses are unique and plain ASCII', () => {
    const emails = pop.persons.flatMap((p) => (p.email ? [p.email] : []));
    expect(emails.length).toBeGreaterThan(200);
    expect(duplicates(emails)).toEqual([]);
    expect(emails.filter((e) => !/^[a-z]+\.[a-z]+\d+@[a-z]+\.com$/.test(e))).toEqual([]);
  });

  it('addresses: current communes of the right province; legacy communes map to them', () => {
    const current = (a: SynthAddress) => lookupCommune(a.communeCode, '2026-04-30');
    const successors = (code: string) => {
      const m = mapLegacyCommune(code);
      return m.status === 'exact'
        ? [m.target.code]
        : m.status === 'ambiguous'
          ? m.candidates.map((c) => c.code)
          : [];
    };
    expect(
      failures(addresses, (a) => a.text, {
        'commune in the latest catalogue': (a) =>
          current(a)?.name === a.communeName && current(a)?.provinceCode === a.provinceCode,
        'text ends with commune and province': (a) => a.text.endsWith(`${a.communeName}, ${a.provinceName}`),
        'legacy commune in its legacy province': (a) =>
          lookupCommune(a.legacyCommuneCode ?? '', 'legacy')?.provinceCode === a.legacyProvinceCode,
        'legacy commune maps to the current one': (a) =>
          successors(a.legacyCommuneCode!).includes(a.communeCode),
      }),
    ).toEqual([]);
    const registering = [...pop.marriages, ...pop.births].map((r) => r.communeCode);
    expect(registering.filter((code) => !lookupCommune(code, '2026-04-30'))).toEqual([]);
    expect(duplicates(pop.households.map((h) => h.address.text))).toEqual([]);
  });
});

describe('families', () => {
  it('spouses are symmetric, of opposite sex, in one household, close in age, with one marriage record', () => {
    const married = pop.persons.filter((p) => p.spouseId);
    expect(
      failures(married, (p) => p.personalId, {
        symmetric: (p) => person(p.spouseId!).spouseId === p.personalId,
        'opposite sex': (p) => person(p.spouseId!).sex !== p.sex,
        'same household': (p) => person(p.spouseId!).householdId === p.householdId,
        'close in age': (p) => Math.abs(yearOf(person(p.spouseId!)) - yearOf(p)) <= 10,
      }),
    ).toEqual([]);
    expect(married.length).toBe(2 * pop.marriages.length);
    expect(duplicates(pop.marriages.map((m) => m.spouseIds.join('+')))).toEqual([]);
    expect(
      failures(pop.marriages, (m) => m.spouseIds.join('+'), {
        'husband then wife': (m) =>
          person(m.spouseIds[0]).sex === 'male' && person(m.spouseIds[1]).sex === 'female',
        spouses: (m) => person(m.spouseIds[0]).spouseId === m.spouseIds[1],
        'husband 20 or older': (m) => daysBetween(person(m.spouseIds[0]).dateOfBirth, m.date) >= 20 * 365.25,
        'wife 18 or older': (m) => daysBetween(person(m.spouseIds[1]).dateOfBirth, m.date) >= 18 * 365.25,
        'in the past': (m) => m.date < REFERENCE_DATE,
      }),
    ).toEqual([]);
  });

  it('parents live in the household, 18–45 years older; children carry the lineage name', () => {
    const gap = (child: SynthPerson, id: string | undefined) =>
      id ? yearOf(child) - yearOf(person(id)) : 30;
    expect(
      failures(pop.persons, (p) => p.personalId, {
        'a child has a parent': (p) =>
          (p.relationToHead !== 'child' && p.relationToHead !== 'grandchild') || !!(p.fatherId ?? p.motherId),
        'father is a man': (p) => !p.fatherId || person(p.fatherId).sex === 'male',
        'mother is a woman': (p) => !p.motherId || person(p.motherId).sex === 'female',
        'parents in the household': (p) =>
          [p.fatherId, p.motherId].every((id) => !id || person(id).householdId === p.householdId),
        'parents 18–45 years older': (p) =>
          [gap(p, p.fatherId), gap(p, p.motherId)].every((g) => g >= 18 && g <= 45),
        // Ê Đê are matrilineal: the clan name (last) comes from the mother.
        'lineage name': (p) =>
          p.ethnicity === 'Ê Đê'
            ? !p.motherId || words(p).at(-1) === words(person(p.motherId)).at(-1)
            : !p.fatherId || words(p)[0] === words(person(p.fatherId))[0],
      }),
    ).toEqual([]);
  });

  it('households list their members, one head, one address, no two members with the same name', () => {
    const members = new Map<string, string[]>();
    for (const p of pop.persons)
      members.set(p.householdId, [...(members.get(p.householdId) ?? []), p.personalId]);
    expect(members.size).toBe(pop.households.length);
    const people = (h: (typeof pop.households)[number]) => h.memberIds.map(person);
    expect(
      failures(pop.households, (h) => h.id, {
        members: (h) => [...h.memberIds].sort().join() === [...members.get(h.id)!].sort().join(),
        'head first': (h) => h.memberIds[0] === h.headId,
        'one head': (h) => people(h).filter((p) => p.relationToHead === 'self').length === 1,
        'head is self': (h) => person(h.headId).relationToHead === 'self',
        'shared address': (h) => people(h).every((p) => p.permanentAddress === h.address),
        'distinct names': (h) => duplicates(people(h).map((p) => p.fullName)).length === 0,
        'registered in the past': (h) => h.registeredSince < REFERENCE_DATE,
      }),
    ).toEqual([]);
  });

  it('birth records: the parents of the person, registered within 60 days in the household commune', () => {
    expect(
      failures(pop.births, (b) => b.childId, {
        parents: (b) =>
          b.fatherId === person(b.childId).fatherId && b.motherId === person(b.childId).motherId,
        commune: (b) => b.communeCode === person(b.childId).permanentAddress.communeCode,
        'within 60 days': (b) => {
          const delay = daysBetween(person(b.childId).dateOfBirth, b.date);
          return delay >= 0 && delay <= 60;
        },
        'prefix of the registering province': (b) => {
          const { dateOfBirth, birthProvincePrefix, permanentAddress: a } = person(b.childId);
          return (
            birthProvincePrefix === `0${dateOfBirth >= '2025-07-01' ? a.provinceCode : a.legacyProvinceCode}`
          );
        },
      }),
    ).toEqual([]);
    expect(duplicates(pop.births.map((b) => `${b.communeCode}|${b.registerNumber}`))).toEqual([]);
    expect(duplicates(pop.marriages.map((m) => `${m.communeCode}|${m.registerNumber}`))).toEqual([]);
  });
});

describe('land and businesses', () => {
  it('parcels: unique keys, in the holders’ commune, plausible values', () => {
    const key = (p: (typeof pop.parcels)[number]) => `${p.communeCode}|${p.mapSheetNumber}|${p.parcelNumber}`;
    expect(duplicates(pop.parcels.map(key))).toEqual([]);
    expect(duplicates(pop.parcels.map((p) => p.certificate.serial))).toEqual([]);
    const households = new Set(pop.parcels.flatMap((p) => p.holderIds.map((id) => person(id).householdId)));
    expect(share(households.size, pop.households.length)).toBeGreaterThan(0.8);
    const residential = (p: (typeof pop.parcels)[number]) => p.usePurpose === 'ODT' || p.usePurpose === 'ONT';
    expect(
      failures(pop.parcels, key, {
        'holders live in the commune': (p) =>
          p.holderIds.every((id) => person(id).permanentAddress.communeCode === p.communeCode),
        'two holders are spouses': (p) =>
          p.holderIds.length === 1 || person(p.holderIds[0]).spouseId === p.holderIds[1],
        'address in the commune': (p) => p.address.communeCode === p.communeCode,
        serial: (p) => /^[A-ZĐ]{2} \d{6}$/.test(p.certificate.serial),
        'issued in the past': (p) => p.certificate.issuedAt <= '2025-06-30',
        area: (p) => p.areaM2 > 0,
        term: (p) => (residential(p) ? p.term === 'long-term' : /^until \d{4}-\d{2}-\d{2}$/.test(p.term)),
        price: (p) =>
          p.landPricePerM2 % 1000 === 0 && p.landPricePerM2 >= (residential(p) ? 500_000 : 50_000),
      }),
    ).toEqual([]);
  });

  it('businesses: one per owner, VSIC codes, unique registration numbers', () => {
    expect(duplicates(pop.businesses.map((b) => b.ownerId))).toEqual([]);
    expect(duplicates(pop.businesses.map((b) => b.registrationNumber))).toEqual([]);
    expect(
      failures(pop.businesses, (b) => b.ownerId, {
        'adult owner': (b) => ageAt(person(b.ownerId).dateOfBirth) >= 25,
        name: (b) => b.businessName.startsWith('Hộ kinh doanh '),
        'VSIC codes': (b) => b.activityCodes.length > 0 && b.activityCodes.every((c) => /^\d{4,5}$/.test(c)),
        'in the owner’s commune': (b) =>
          b.address.communeCode === person(b.ownerId).permanentAddress.communeCode,
        'registered as an adult, in the past': (b) =>
          b.registeredAt > person(b.ownerId).dateOfBirth && b.registeredAt <= '2025-06-30',
      }),
    ).toEqual([]);
  });
});

describe('scenarios', () => {
  const { birth, death, land, business } = pop.scenarios;

  it('birth: a young married couple living together, no child under 1', () => {
    const mother = person(birth.motherId);
    const father = person(birth.fatherId);
    expect([mother.sex, father.sex]).toEqual(['female', 'male']);
    expect(mother.spouseId).toBe(father.personalId);
    expect([mother.householdId, father.householdId]).toEqual([birth.householdId, birth.householdId]);
    expect(ageAt(mother.dateOfBirth)).toBeGreaterThanOrEqual(22);
    expect(ageAt(mother.dateOfBirth)).toBeLessThanOrEqual(35);
    const babies = pop.persons.filter(
      (p) =>
        (p.motherId === mother.personalId || p.fatherId === father.personalId) &&
        p.dateOfBirth >= '2025-01-01',
    );
    expect(babies).toEqual([]);
    expect(birth.healthFacility.code).toMatch(/^\d{5}$/);
    expect(mother.phone).toBeDefined();
  });

  it('death: an elderly parent living with the adult child who declares', () => {
    const deceased = person(death.deceasedId);
    const declarant = person(death.declarantId);
    expect(ageAt(deceased.dateOfBirth)).toBeGreaterThanOrEqual(70);
    expect(ageAt(declarant.dateOfBirth)).toBeGreaterThanOrEqual(18);
    expect([deceased.householdId, declarant.householdId]).toEqual([death.householdId, death.householdId]);
    expect([declarant.fatherId, declarant.motherId]).toContain(deceased.personalId);
    expect(declarant.phone).toBeDefined();
  });

  it('land: a parcel held by a married couple, a buyer from another household', () => {
    const [a, b] = land.transferorIds.map(person);
    expect(land.transferorIds).toEqual(land.parcel.holderIds);
    expect(a.spouseId).toBe(b.personalId);
    expect(pop.parcels).toContain(land.parcel);
    const buyer = person(land.transfereeId);
    expect(buyer.householdId).not.toBe(a.householdId);
    expect(ageAt(buyer.dateOfBirth)).toBeGreaterThanOrEqual(18);
  });

  it('business: an adult without a business yet', () => {
    const owner = person(business.ownerId);
    expect(ageAt(owner.dateOfBirth)).toBeGreaterThanOrEqual(18);
    expect(pop.businesses.some((b) => b.ownerId === owner.personalId)).toBe(false);
    expect(owner.phone).toBeDefined();
    expect(owner.email).toBeDefined();
  });

  it('involves distinct people', () => {
    const ids = [
      birth.motherId,
      birth.fatherId,
      death.deceasedId,
      death.declarantId,
      ...land.transferorIds,
      land.transfereeId,
      business.ownerId,
    ];
    expect(duplicates(ids)).toEqual([]);
  });
});
