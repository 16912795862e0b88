/**
 * The contracts end to end: DOMAIN.md sample values accepted or refused exactly as DOMAIN.md says, a
 * record's faults all reported in one problem document, normalisation of legacy formats, and the
 * dossier@1 → dossier@2 upgrade.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contracts, upgradeRecord, validateRecord } from './index';

const NOW = new Date('2026-11-22T00:00:00+07:00');
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const person = (over: Record<string, unknown>) => ({ ...fixture('person.valid.json'), ...over });
const codesOf = (r: ReturnType<typeof validateRecord>) =>
  r.ok ? [] : (r.problem.errors ?? []).map((e) => `${e.path}:${e.code}`);

describe('DOMAIN.md sample values, through the Person contract', () => {
  it.each([
    ['001099012345', '1999', 'male'],
    ['079303000123', '2003', 'female'],
  ])('personal ID %s (born %s, %s) is valid', (id, year, sex) => {
    const r = validateRecord('person@1', person({ personalId: id, dateOfBirth: year, sex }), { now: NOW });
    expect(codesOf(r)).toEqual([]);
  });
  it('003099012345 is refused: there is no province 003', () => {
    expect(codesOf(validateRecord('person@1', person({ personalId: '003099012345' }), { now: NOW }))).toEqual(
      ['personalId:PERSONAL_ID_PROVINCE'],
    );
  });
  it('00109901234 is refused: 11 digits', () => {
    expect(codesOf(validateRecord('person@1', person({ personalId: '00109901234' }), { now: NOW }))).toEqual([
      'personalId:PERSONAL_ID_FORMAT',
    ]);
  });
  it.each([
    '0100109106',
    '0300588569',
    '0101248141',
    '0101245486',
    '0100112437',
    '0100233488',
    '0314409058-002',
    '0312687878-001',
  ])('tax code %s is valid', (code) => {
    expect(codesOf(validateRecord('person@1', person({ taxId: code }), { now: NOW }))).toEqual([]);
  });
  it.each([
    ['0100233480', 'TAX_CODE_CHECK_DIGIT'],
    ['0314409058-000', 'TAX_CODE_BRANCH_ZERO'],
    ['12345', 'TAX_CODE_FORMAT'],
  ])('tax code %s is refused with %s', (code, expected) => {
    expect(codesOf(validateRecord('person@1', person({ taxId: code }), { now: NOW }))).toEqual([
      `taxId:${expected}`,
    ]);
  });
});

describe('normalisation', () => {
  it('normalises a legacy-style record: dates, NFD names, 11-digit phones, legacy communes', () => {
    const r = validateRecord(
      'person@1',
      person({
        fullName: '  Nguye\u0302\u0303n   Va\u0306n   Hoa\u0300 ',
        dateOfBirth: '03/1999',
        phone: '0165 123 4567',
        permanentResidence: { communeCode: '00007', catalogue: 'legacy', legacyDistrictCode: '001' },
      }),
      { now: NOW },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      fullName: 'Nguyễn Văn Hoà',
      fullNameOriginal: '  Nguye\u0302\u0303n   Va\u0306n   Hoa\u0300 ',
      fullNameSearchKey: 'nguyen van hoa',
      dateOfBirth: '1999-03',
      phone: '+84351234567',
      nationality: 'VN',
      permanentResidence: {
        communeCode: '00007',
        catalogue: 'legacy',
        communeName: 'Phường Cống Vị',
        current: { status: 'ambiguous', candidates: [{ communeCode: '00008' }, { communeCode: '00025' }] },
      },
    });
  });

  it('a commune code means what its catalogue says: 00004 is Trúc Bạch (legacy) or Ba Đình (2025-07-01)', () => {
    const at = (catalogue: string) => {
      const r = validateRecord('address@1', { communeCode: '00004', catalogue });
      return r.ok ? r.value : r.problem;
    };
    expect(at('legacy')).toMatchObject({
      communeName: 'Phường Trúc Bạch',
      current: { status: 'exact', communeCode: '00004', communeName: 'Phường Ba Đình' },
    });
    expect(at('2025-07-01')).toMatchObject({ communeName: 'Phường Ba Đình', provinceCode: '01' });
    expect(at('2025-07-01')).not.toHaveProperty('current');
  });
});

describe('all faults in one answer', () => {
  it('a Person with five faults gets all five, each with its path, in Vietnamese and English', () => {
    const r = validateRecord('person@1', fixture('person.five-faults.json'), { now: NOW });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({
      status: 422,
      code: 'CONTRACT_INVALID',
      type: 'urn:lienthong:problem:contract-invalid',
    });
    const errors = r.problem.errors ?? [];
    expect(errors.map((e) => `${e.path}:${e.code}`).sort()).toEqual(
      [
        'personalId:PERSONAL_ID_PROVINCE',
        'fullName:NAME_CHARACTERS',
        'dateOfBirth:DATE_INVALID',
        'phone:PHONE_INVALID',
        'permanentResidence.communeCode:ADMIN_UNIT_UNKNOWN',
      ].sort(),
    );
    for (const e of errors) {
      expect(e.message.length).toBeGreaterThan(5);
      expect(e.messageVi.length).toBeGreaterThan(5);
      expect(e.messageVi).not.toEqual(e.message);
      expect(e.pointer.startsWith('/')).toBe(true);
    }
  });

  it('a birth year that contradicts the ID is reported next to the field faults', () => {
    const r = validateRecord('person@1', person({ dateOfBirth: '1998', phone: 'x', sex: 'female' }), {
      now: NOW,
    });
    expect(codesOf(r).sort()).toEqual(
      [
        'personalId:PERSONAL_ID_BIRTH_YEAR_MISMATCH',
        'personalId:PERSONAL_ID_SEX_MISMATCH',
        'phone:PHONE_INVALID',
      ].sort(),
    );
  });

  it('an impossible ISO date of birth is reported once, on its field, not again as a birth-year mismatch', () => {
    // Issue #11: '1998-02-30' looked like a normalised date to the personal-ID cross-check.
    for (const dateOfBirth of ['1998-02-30', '30/02/1998', '1998-13', 'ngày 30 tháng 2 năm 1998']) {
      const r = validateRecord('person@1', person({ dateOfBirth }), { now: NOW });
      expect([dateOfBirth, codesOf(r)]).toEqual([dateOfBirth, ['dateOfBirth:DATE_INVALID']]);
    }
    // A real date of another year still is a mismatch.
    expect(codesOf(validateRecord('person@1', person({ dateOfBirth: '1998-02-28' }), { now: NOW }))).toEqual([
      'personalId:PERSONAL_ID_BIRTH_YEAR_MISMATCH',
    ]);
  });

  it('unknown fields are refused, by name', () => {
    expect(codesOf(validateRecord('person@1', person({ nickname: 'Tí' }), { now: NOW }))).toEqual([
      'nickname:FIELD_NOT_ALLOWED',
    ]);
  });
});

describe('registry and versions', () => {
  it('lists every contract of the issue, each with a version', () => {
    const ids = contracts.list().map((c) => c.id);
    for (const id of [
      'person@1',
      'address@1',
      'birth-event@1',
      'death-event@1',
      'marriage-event@1',
      'residence@1',
      'land-parcel@1',
      'land-transfer@1',
      'tax-registration@1',
      'tax-obligation@1',
      'household-business@1',
      'health-insurance-card@1',
      'dossier@1',
      'dossier@2',
      'envelope@1',
    ]) {
      expect(ids).toContain(id);
    }
    expect(contracts.resolve('dossier')?.id).toBe('dossier@2');
  });

  it('upgrades dossier@1 records to dossier@2 (level 4 → end-to-end, 3 → partial, 1–2 → none)', () => {
    const v1 = fixture('dossier-v1.json');
    for (const [level, kind] of [
      [4, 'end-to-end'],
      [3, 'partial'],
      [2, 'none'],
      [1, 'none'],
    ] as const) {
      const r = upgradeRecord('dossier@1', 'dossier@2', { ...v1, onlineServiceLevel: level });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.onlineService).toBe(kind);
      expect(r.value).not.toHaveProperty('onlineServiceLevel');
      expect(validateRecord('dossier@2', r.value).ok).toBe(true);
    }
  });

  it('a dossier@1 record is not a dossier@2 record, and the reverse upgrade does not exist', () => {
    const v1 = fixture('dossier-v1.json');
    expect(codesOf(validateRecord('dossier@2', v1))).toEqual(
      expect.arrayContaining(['onlineServiceLevel:FIELD_NOT_ALLOWED', 'onlineService:FIELD_REQUIRED']),
    );
    const { onlineServiceLevel: _dropped, ...rest } = v1;
    const down = upgradeRecord('dossier@2', 'dossier@1', { ...rest, onlineService: 'partial' });
    expect(down.ok ? 'ok' : down.problem.code).toBe('CONTRACT_UPGRADE_UNAVAILABLE');
  });

  it('portal timestamps are carried as ISO 8601 in +07:00', () => {
    const r = validateRecord('dossier@1', fixture('dossier-v1.json'));
    expect(r.ok && r.value.receivedAt).toBe('2025-07-01T08:30:00+07:00');
  });

  it('an unknown contract is a problem, not a crash', () => {
    const r = validateRecord('nothing@9', {});
    expect(r.ok ? 'ok' : r.problem.code).toBe('CONTRACT_UNKNOWN');
  });
});
