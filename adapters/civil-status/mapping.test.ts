/** civil-status mapping, both ways, on the recorded fixtures and on every entry of the population's registers. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord } from '../../contracts';
import { encodeTcvn3 } from '../../contracts/validators/legacy-encoding';
import { UpstreamError, type SoapAnswer } from '../sdk';
import {
  dangKyKhaiSinhAnswerSchema,
  FAULT,
  traCuuAnswerSchema,
  yeuCauKetHonSchema,
  yeuCauKhaiSinhSchema,
  yeuCauKhaiTuSchema,
  type KetHon,
  type KetQuaTraCuu,
  type KhaiSinh,
  type KhaiTu,
} from './dialect';
import {
  asList,
  fromDiaChi,
  fromKetHon,
  fromKetQuaTraCuu,
  fromKhaiSinh,
  fromKhaiTu,
  isoDate,
  quanHeOf,
  readAnswer,
  relationOf,
  toDiaChi,
  toKetHon,
  toKhaiSinh,
  toKhaiTu,
  toYeuCauKetHon,
  toYeuCauKhaiSinh,
  toYeuCauKhaiTu,
} from './mapping';
import { populationRegisters } from './simulator/records';
import { answerOf, bodyOf, fixtureInput, fixtureText } from './test-support';

type Rec = Record<string, unknown>;
const errorsOf = (contract: string, value: unknown) => {
  const v = validateRecord(contract, value);
  return v.ok ? [] : (v.problem.errors ?? [v.problem]);
};
const birth = () =>
  answerOf<{ khaiSinh: KhaiSinh & { me: NonNullable<KhaiSinh['me']> } }>('register-birth.ok').khaiSinh;

describe('civil-status mapping: registry → canonical', () => {
  it('a recorded birth entry is a valid birth-event@1; Nam/Nữ, dd/MM/yyyy, 1/2026/KS and Cha are translated', () => {
    const event = fromKhaiSinh(birth());
    expect(event).toMatchObject({
      child: {
        dateOfBirth: '2026-11-02',
        sex: 'male',
        placeOfBirth: { provinceCode: '01', catalogue: '2026-04-30' },
      },
      mother: {
        personalId: '001194389546',
        fullName: 'Lê Thu Hằng',
        dateOfBirth: '1994-02-09',
        sex: 'female',
      },
      birthCertificate: { number: 'GCS-01001-2026-004512', issuedAt: '2026-11-02T10:15:00+07:00' },
      declarant: { personalId: '034097874846', relation: 'father' },
      registeringCommune: { communeCode: '00008', provinceCode: '01', catalogue: '2026-04-30' },
      registerNumber: '1/2026',
    });
    expect(event).not.toHaveProperty('quaHan');
    expect(errorsOf('birth-event@1', event)).toEqual([]);
  });

  it('recorded death and marriage entries are valid death-event@1 and marriage-event@1', () => {
    const death = fromKhaiTu(answerOf<{ khaiTu: KhaiTu }>('register-death.ok').khaiTu);
    expect(death).toMatchObject({ deceased: { personalId: '074043401637' }, cause: 'Tuổi cao, bệnh tim' });
    expect(errorsOf('death-event@1', death)).toEqual([]);
    const marriage = fromKetHon(answerOf<{ ketHon: KetHon }>('register-marriage.ok').ketHon);
    expect(marriage).toMatchObject({
      spouses: [{ sex: 'male' }, { sex: 'female', fullName: 'Nguyễn Hồng Mai Hoà' }],
      dateOfMarriage: '2026-11-22',
    });
    expect(errorsOf('marriage-event@1', marriage)).toEqual([]);
  });

  it('a look-up answer: lists of one element or many, entries without a mother omitted', () => {
    const many = fromKetQuaTraCuu(answerOf<KetQuaTraCuu>('events-of-person.ok'));
    expect([many.births, many.marriages, many.deaths].map((l) => (l as unknown[]).length)).toEqual([3, 1, 0]);
    const one = answerOf<KetQuaTraCuu>('events-of-person.omitted');
    expect(Array.isArray(one.ketHon)).toBe(false);
    expect(fromKetQuaTraCuu(one)).toMatchObject({
      births: [],
      omitted: [{ registerNumber: '1/1993', reason: 'MOTHER_UNDETERMINED' }],
    });
    expect(asList(undefined)).toEqual([]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asList([{ a: 1 }, { a: 2 }])).toHaveLength(2);
  });

  it('every entry of the population registers maps to a valid contract', () => {
    const { births, marriages } = populationRegisters();
    const bad = [
      ...births.filter((b) => b.me).map((b) => errorsOf('birth-event@1', fromKhaiSinh({ ...b, me: b.me! }))),
      ...marriages.map((m) => errorsOf('marriage-event@1', fromKetHon(m))),
    ].filter((e) => e.length > 0);
    expect(bad).toEqual([]);
    expect(births.filter((b) => !b.me).length).toBeGreaterThan(0);
  });
});

describe('civil-status mapping: canonical → registry', () => {
  it("the adapter's requests satisfy the registry's schemas and are the recorded requests", () => {
    const cases: [string, Rec, { validate(v: unknown, o: object): { error?: unknown } }][] = [
      [
        'register-birth.ok',
        toYeuCauKhaiSinh(fixtureInput('register-birth.ok')) as unknown as Rec,
        yeuCauKhaiSinhSchema,
      ],
      [
        'register-death.ok',
        toYeuCauKhaiTu(fixtureInput('register-death.ok')) as unknown as Rec,
        yeuCauKhaiTuSchema,
      ],
      [
        'register-marriage.ok',
        toYeuCauKetHon(fixtureInput('register-marriage.ok')) as unknown as Rec,
        yeuCauKetHonSchema,
      ],
    ];
    for (const [name, request, schema] of cases) {
      expect(schema.validate(request, { convert: false, allowUnknown: false }).error).toBeUndefined();
      expect(request).toEqual(bodyOf(fixtureText(`${name}.request.xml`)).body);
    }
  });

  it('round-trips canonical → entry → canonical for births, deaths and marriages', () => {
    const b = fromKhaiSinh(birth());
    expect(fromKhaiSinh(toKhaiSinh(b, '22/11/2026') as KhaiSinh & { me: Rec })).toEqual(b);
    const d = fromKhaiTu(answerOf<{ khaiTu: KhaiTu }>('register-death.ok').khaiTu);
    expect(fromKhaiTu(toKhaiTu(d, '22/11/2026'))).toEqual(d);
    const m = fromKetHon(answerOf<{ ketHon: KetHon }>('register-marriage.ok').ketHon);
    expect(fromKetHon(toKetHon(m))).toEqual(m);
  });

  it('spouses: the man is bên nam by the sex his personal ID encodes, in either order', () => {
    const a = { personalId: '074098762642' };
    const b = { personalId: '001199805345' };
    const commune = { communeCode: '10354', catalogue: '2026-04-30' };
    for (const spouses of [
      [a, b],
      [b, a],
    ]) {
      const r = toYeuCauKetHon({ spouses, registeringCommune: commune });
      expect([r.benNam.soDinhDanh, r.benNu.soDinhDanh]).toEqual(['074098762642', '001199805345']);
    }
  });

  it('addresses, dates and relations both ways', () => {
    const legacy = { maXa: '00007', maHuyen: '001', maTinh: '01', danhMuc: 'CU' as const };
    expect(fromDiaChi(legacy)).toEqual({
      communeCode: '00007',
      legacyDistrictCode: '001',
      provinceCode: '01',
      catalogue: 'legacy',
    });
    expect(toDiaChi(fromDiaChi(legacy))).toEqual(legacy);
    expect(toDiaChi({ text: 'Bệnh viện Phụ sản Hà Nội' })).toEqual({
      diaChiChiTiet: 'Bệnh viện Phụ sản Hà Nội',
    });
    expect([isoDate('02/11/2026'), isoDate('03/1950'), isoDate('1948')]).toEqual([
      '2026-11-02',
      '1950-03',
      '1948',
    ]);
    expect([quanHeOf('mother'), quanHeOf('neighbour')]).toEqual(['Mẹ', 'neighbour']);
    expect([relationOf('con'), relationOf('Mẹ'.normalize('NFD')), relationOf('Hàng xóm')]).toEqual([
      'child',
      'mother',
      'Hàng xóm',
    ]);
  });
});

describe('civil-status mapping: answers are read strictly', () => {
  const answer = (body: Rec, operation = 'DangKyKhaiSinhResponse'): SoapAnswer => ({ operation, body });
  const withChild = (patch: Rec) => ({ khaiSinh: { ...birth(), treEm: { ...birth().treEm, ...patch } } });
  const read = (body: Rec) => () =>
    readAnswer('civil-status', answer(body), 'DangKyKhaiSinhResponse', dangKyKhaiSinhAnswerSchema);

  it.each([
    ['an impossible date', withChild({ ngaySinh: '31/02/2026' }), /treEm.ngaySinh: any.invalid/],
    [
      'an ISO date instead of dd/MM/yyyy',
      withChild({ ngaySinh: '2026-11-02' }),
      /treEm.ngaySinh: string.pattern/,
    ],
    ['a sex outside Nam/Nữ', withChild({ gioiTinh: 'nam' }), /treEm.gioiTinh: any.only/],
    ['TCVN3-encoded text', withChild({ hoTen: encodeTcvn3('Phạm Lê Minh An') }), /legacy encoding tcvn3/],
    ['a number of another register', { khaiSinh: { ...birth(), soDangKy: '1/2026/KT' } }, /soDangKy/],
    [
      'a birth entry without its mother',
      { khaiSinh: { ...birth(), me: undefined } },
      /khaiSinh.me: any.required/,
    ],
    ['an empty element', { khaiSinh: { ...birth(), ngayDangKy: '' } }, /ngayDangKy: string.empty/],
    ['an element where text was expected', { khaiSinh: { ...birth(), quaHan: { _: '1' } } }, /quaHan/],
  ])('%s is malformed', (_name, body, reason) => {
    const err = (() => {
      try {
        read(body)();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'malformed', reason: expect.stringMatching(reason) });
  });

  it('a list whose count disagrees with its entries is malformed', () => {
    const r = { ...answerOf<KetQuaTraCuu>('events-of-person.ok'), tongSo: '9' };
    const run = () =>
      readAnswer(
        'civil-status',
        answer(r, 'TraCuuSuKienHoTichResponse'),
        'TraCuuSuKienHoTichResponse',
        traCuuAnswerSchema,
      );
    expect(run).toThrow(/malformed/);
  });
});

describe('civil-status upstream spec (upstream/ho-tich.xsd, ho-tich.wsdl)', () => {
  const spec = (file: string) => readFileSync(join(__dirname, 'upstream', file), 'utf8');
  const declared = new Set([...spec('ho-tich.xsd').matchAll(/<xs:element name="([^"]+)"/g)].map((m) => m[1]));
  const names = (node: unknown): string[] =>
    Array.isArray(node)
      ? node.flatMap(names)
      : node && typeof node === 'object'
        ? Object.entries(node).flatMap(([k, v]) => (k === '$' ? [] : [k, ...names(v)]))
        : [];

  it('declares every element the recorded requests and answers use', () => {
    const files = readdirSync(join(__dirname, 'fixtures')).filter(
      (f) => f.endsWith('.xml') && !/not-found|already/.test(f),
    );
    const used = new Set(
      files.flatMap((f) => [bodyOf(fixtureText(f)).operation, ...names(bodyOf(fixtureText(f)).body)]),
    );
    expect([...used].filter((n) => !declared.has(n))).toEqual([]);
  });

  it("lists every fault code of the registry's catalogue", () => {
    const wsdl = spec('ho-tich.wsdl');
    expect(Object.values(FAULT).filter((code) => !wsdl.includes(code))).toEqual([]);
  });
});
