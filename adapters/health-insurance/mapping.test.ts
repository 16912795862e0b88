/** health-insurance mapping: the dialect ⇄ canonical records, both ways, on recorded fixtures. */
import type { Schema } from 'joi';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { readUpstream } from '../sdk';
import { getPopulation } from '../sdk/simulator/population';
import {
  fromHoSoMaiTang,
  fromTheBhyt,
  localTimestamp,
  readError,
  theBhytSchema,
  toTheBhyt,
  type HoSoMaiTang,
  type TheBhyt,
} from './mapping';
import { fromGiayChungSinh, giayChungSinhSchema, toGiayChungSinh, type GiayChungSinh } from './mapping-birth';
import { toCapTheTreEm, toMaiTang, toTraCuuGiayChungSinh } from './requests';
import { birthCertificate, birthCertificateOutput } from './services/birth-certificate';
import { funeralAllowanceClaim, funeralAllowanceClaimService } from './services/funeral-allowance-claim';
import { issueChildCard } from './services/issue-child-card';
import { cardOf } from './simulator/dialect';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const answer = <T>(name: string): T => fixture(name).response.body as T;
const NOW = { now: new Date('2026-11-22T12:00:00+07:00') };
const valid = (record: Record<string, unknown>) => {
  const v = validateRecord('health-insurance-card@1', record, NOW);
  return v.ok ? [] : v.problem.errors;
};

describe('health-insurance mapping: upstream → canonical', () => {
  it('maps a recorded card to a valid health-insurance-card@1, group and level from the card', () => {
    const card = fromTheBhyt(answer<TheBhyt>('card-of-person.ok.json'));
    expect(card).toEqual({
      number: 'DN4010181103272',
      socialInsuranceNumber: '0181103272',
      holderPersonalId: '001194389546',
      holderName: 'Lê Thu Hằng',
      beneficiaryGroup: 'DN',
      benefitLevel: 4,
      primaryCareFacility: { code: expect.stringMatching(/^01\d{3}$/), name: expect.any(String) },
      validFrom: expect.stringMatching(/^2025-\d{2}-01$/),
      validTo: expect.stringMatching(/^2026-\d{2}-\d{2}$/),
    });
    expect(valid(card)).toEqual([]);
  });

  it("maps a newborn's TE card: level 1, from birth to the day before the 6th birthday", () => {
    const card = fromTheBhyt(answer<TheBhyt>('issue-child-card.ok.json'));
    expect(card).toMatchObject({
      number: 'TE1010190000001',
      beneficiaryGroup: 'TE',
      benefitLevel: 1,
      primaryCareFacility: { code: '01100', name: 'Trạm Y tế Phường Ngọc Hà' },
      validFrom: '2025-12-20',
      validTo: '2031-12-19',
    });
    expect(valid(card)).toEqual([]);
  });

  it('a card whose number contradicts its level or social-insurance number is malformed', () => {
    const card = answer<TheBhyt>('card-of-person.ok.json');
    for (const bad of [
      { ...card, mucHuong: 3 },
      { ...card, maSoBHXH: '0199999999' },
    ]) {
      expect(() => readUpstream('health-insurance', theBhytSchema, bad)).toThrow(
        expect.objectContaining({ code: 'malformed' }),
      );
    }
    expect(readUpstream('health-insurance', theBhytSchema, card)).toEqual(card);
  });

  it('maps a funeral-grant dossier to FuneralAllowanceClaim_v1, the local time read as +07:00', () => {
    const d = answer<HoSoMaiTang>('funeral-allowance-claim.ok.json');
    const claim = fromHoSoMaiTang(d);
    expect(claim).toEqual({
      claimId: 'MT-79-2026-000001',
      deceasedPersonalId: '079046123303',
      amount: 23_400_000,
      status: 'accepted',
      decidedAt: `${d.ngayQuyetDinh}+07:00`,
    });
    expect(funeralAllowanceClaim.validate(claim).error).toBeUndefined();
    expect(fromHoSoMaiTang({ ...d, trangThai: 'DA_CHI_TRA' }).status).toBe('paid');
  });

  it("reads the upstream's error body, not-found codes included", () => {
    expect(readError(answer('card-of-person.not-found.json'))).toEqual({
      upstreamCode: 'KHONG_TIM_THAY_THE',
      reason: 'Không tìm thấy thẻ BHYT',
      notFound: true,
    });
    expect(readError(answer('funeral-allowance-claim.duplicate.json'))).toMatchObject({
      upstreamCode: 'DA_GIAI_QUYET',
      notFound: false,
    });
    expect(readError({ status: 'error', code: 'X' })).toBeUndefined();
  });
});

describe('health-insurance mapping: birth certificates', () => {
  const recorded = () => answer<GiayChungSinh>('birth-certificate.ok.json');
  const certificateErrors = (v: unknown) =>
    birthCertificateOutput.validate(v, { abortEarly: false, context: NOW }).error?.details ?? [];

  it('maps a recorded certificate to a valid BirthCertificate_v1: date and time of birth, the facility as place', () => {
    const c = fromGiayChungSinh(recorded());
    expect(c).toMatchObject({
      issuedAt: '2026-11-20T10:45:00+07:00',
      child: {
        dateOfBirth: '2026-11-19',
        timeOfBirth: '08:45',
        sex: 'male',
        placeOfBirth: { communeCode: '00025', provinceCode: '01', catalogue: '2026-04-30' },
      },
    });
    expect(certificateErrors(c)).toEqual([]);
  });

  it('no father, no weight, no facility address: absent, not null', () => {
    const g = recorded();
    const c = fromGiayChungSinh({
      ...g,
      cha: null,
      treSoSinh: { ...g.treSoSinh, gioiTinh: 'Nữ', canNang: null },
      coSoKhamChuaBenh: { ...g.coSoKhamChuaBenh, diaChi: null },
    });
    expect(c).not.toHaveProperty('father');
    expect(c.child).toEqual({
      dateOfBirth: '2026-11-19',
      timeOfBirth: '08:45',
      sex: 'female',
      placeOfBirth: { communeCode: '00025', provinceCode: '01', catalogue: '2026-04-30' },
    });
    expect(certificateErrors(c)).toEqual([]);
  });

  it('a certificate round-trips upstream → canonical → upstream, and the look-up body is the recorded one', () => {
    expect(toGiayChungSinh(fromGiayChungSinh(recorded()))).toEqual(recorded());
    expect(toTraCuuGiayChungSinh({ number: 'GCS-01001-0000001', motherPersonalId: '001194389546' })).toEqual(
      fixture('birth-certificate.ok.json').request.body,
    );
  });

  it('a certificate issued before the day of birth is malformed; on that day it is fine', () => {
    const g = recorded();
    const read = (v: unknown) => () => readUpstream('health-insurance', giayChungSinhSchema, v);
    expect(read({ ...g, ngayCap: '2026-11-18T20:00:00' })).toThrow(
      expect.objectContaining({ code: 'malformed' }),
    );
    expect(read({ ...g, ngayCap: '2026-11-19T09:00:00' })).not.toThrow();
  });

  it('the not-found code means not found; the input is a number and the mother', () => {
    expect(readError(answer('birth-certificate.not-found.json'))).toMatchObject({
      upstreamCode: 'KHONG_TIM_THAY_GIAY_CHUNG_SINH',
      notFound: true,
    });
    const input = birthCertificate.input;
    expect(input.validate({ number: 'GCS-01001-0000001' }).error).toBeDefined();
    expect(
      input.validate({ number: 'GCS-01001-0000001', motherPersonalId: '001194389546' }).error,
    ).toBeUndefined();
    expect(birthCertificate.subject!({ number: 'x', motherPersonalId: '001194389546' })).toEqual({
      kind: 'citizen',
      id: '001194389546',
    });
  });
});

describe('health-insurance mapping: canonical → upstream', () => {
  it('builds the recorded request bodies from canonical requests', () => {
    expect(
      toCapTheTreEm({
        personalId: '001225900001',
        fullName: 'Phạm Lê Minh An',
        dateOfBirth: '2025-12-20',
        sex: 'male',
        primaryCareFacilityCode: '01100',
        address: {
          text: '11 Phố Lò Đúc, Phường Ngọc Hà, Thành phố Hà Nội',
          communeCode: '00008',
          provinceCode: '01',
        },
      }),
    ).toEqual(fixture('issue-child-card.ok.json').request.body);
    expect(
      toMaiTang({
        deceasedPersonalId: '079046123303',
        deathRegisterNumber: '15/2026',
        dateOfDeath: '2026-01-10',
        claimant: { personalId: '040147772540', fullName: 'Lê Thị Hoà', relation: 'spouse' },
        bankAccount: { bankCode: '970436', accountNumber: '0071000123456', accountHolder: 'LE THI HOA' },
      }),
    ).toEqual(fixture('funeral-allowance-claim.ok.json').request.body);
  });

  it('a card round-trips canonical → upstream → canonical', () => {
    const upstream = answer<TheBhyt>('card-of-person.ok.json');
    const canonical = fromTheBhyt(upstream);
    expect(toTheBhyt(canonical, { dateOfBirth: '1994-02-09', sex: 'female' })).toEqual(upstream);
    expect(fromTheBhyt(toTheBhyt(canonical, { dateOfBirth: '1994-02-09', sex: 'female' }))).toEqual(
      canonical,
    );
  });

  it('timestamps are sent in local Vietnam time without an offset', () => {
    expect(localTimestamp('2025-12-31T17:30:05Z')).toBe('2026-01-01T00:30:05');
    expect(() => localTimestamp('soon')).toThrow(RangeError);
  });

  it('every card of the shared population maps to a valid health-insurance-card@1', () => {
    const pop = getPopulation();
    const bad = pop.healthCards
      .map((c) =>
        readUpstream<TheBhyt>('health-insurance', theBhytSchema, cardOf(c, pop.person(c.holderId)!)),
      )
      .map((t) => validateRecord('health-insurance-card@1', fromTheBhyt(t), NOW))
      .filter((r) => !r.ok);
    expect(bad).toEqual([]);
  });
});

describe('health-insurance request contracts', () => {
  const errors = (schema: Schema, v: unknown) =>
    schema.validate(v, { abortEarly: false }).error?.details.map((d) => d.type) ?? [];
  const child = {
    personalId: '001225900001',
    fullName: 'Phạm Lê Minh An',
    dateOfBirth: '2025-12-20',
    sex: 'male',
    primaryCareFacilityCode: '01100',
    address: {
      text: '11 Phố Lò Đúc, Phường Ngọc Hà, Thành phố Hà Nội',
      provinceCode: '01',
      catalogue: '2026-04-30',
    },
  };

  it("a child's ID must fit its sex and date of birth, and the address name the card's province", () => {
    expect(errors(issueChildCard.input, child)).toEqual([]);
    expect(errors(issueChildCard.input, { ...child, sex: 'female' })).toHaveLength(1);
    expect(errors(issueChildCard.input, { ...child, dateOfBirth: '2024-12-20' })).toHaveLength(1);
    expect(errors(issueChildCard.input, { ...child, address: { text: child.address.text } })).toEqual([
      'any.required',
    ]);
    expect(errors(issueChildCard.input, { ...child, primaryCareFacilityCode: '1100' })).toEqual([
      'string.pattern.base',
    ]);
  });

  it('a funeral claim names a known relation and a NAPAS bank code', () => {
    const claim = {
      deceasedPersonalId: '079046123303',
      deathRegisterNumber: '15/2026',
      dateOfDeath: '2026-01-10',
      claimant: { personalId: '040147772540', fullName: 'Lê Thị Hoà', relation: 'spouse' },
      bankAccount: { bankCode: '970436', accountNumber: '0071000123456', accountHolder: 'LE THI HOA' },
    };
    expect(errors(funeralAllowanceClaimService.input, claim)).toEqual([]);
    expect(
      errors(funeralAllowanceClaimService.input, {
        ...claim,
        claimant: { ...claim.claimant, relation: 'friend' },
      }),
    ).toEqual(['any.only']);
    expect(
      errors(funeralAllowanceClaimService.input, {
        ...claim,
        bankAccount: { ...claim.bankAccount, bankCode: 'VCB' },
      }),
    ).toEqual(['string.pattern.base']);
  });
});
