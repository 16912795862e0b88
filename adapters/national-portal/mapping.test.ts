/**
 * national-portal mapping, both ways, without I/O: dossier@2 ⇄ HoSo on the recorded fixture and on every
 * seeded dossier, the online-service kind ⇄ the portal's two fields, phones, ratings, and the envelope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRecord, type Dossier } from '../../contracts';
import { upgradeDossierV1 } from '../../contracts/schemas/dossier';
import { hoSoSchema, type HoSo } from './dialect';
import { readEnvelope, readError } from './envelope';
import {
  fromHoSo,
  fromPortalPhone,
  fromServiceLevel,
  fromTraCuu,
  toDanhGia,
  toHoSo,
  toPortalPhone,
  toServiceLevel,
  toTienDo,
} from './mapping';
import { portalSeeds } from './simulator/seed';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

function canonical(value: unknown): Dossier {
  const v = validateRecord<Dossier>('dossier@2', value);
  if (!v.ok) throw new Error(JSON.stringify(v.problem.errors));
  return v.value;
}

describe('dossier@2 ⇄ HoSo', () => {
  const f = fixture('sync-dossier.ok.json');

  it('maps the recorded dossier to exactly the recorded request', () => {
    expect(toHoSo(canonical(f.input))).toEqual(f.request.body);
  });

  it('the recorded request is what the portal accepts', () => {
    expect(hoSoSchema.validate(f.request.body, { convert: false }).error).toBeUndefined();
  });

  it('round-trips canonical → HoSo → canonical', () => {
    const d = canonical(f.input);
    expect(canonical(fromHoSo(toHoSo(d)))).toEqual(d);
  });

  it('every seeded dossier is a valid dossier@2 that survives the round trip', () => {
    for (const seed of Object.values(portalSeeds())) {
      const d = canonical(seed);
      const back = canonical(fromHoSo(toHoSo(d)));
      // Entries without a unit are attributed to the processing unit on the portal.
      const withUnits = d.history.map((h) => ({ ...h, unit: h.unit ?? d.processingUnit }));
      expect(back).toEqual({ ...d, history: withUnits });
      expect(hoSoSchema.validate(toHoSo(d), { convert: false }).error).toBeUndefined();
    }
  });

  it('sends national-form phones and portal timestamps', () => {
    const h = toHoSo(canonical(f.input));
    expect(h.ChuHoSo.SoDienThoai).toBe('0373049933');
    expect(h.NgayTiepNhan).toBe('20251103080000');
    expect(h.TaiLieuNop[1].NgayCap).toBe('10/2025');
  });
});

describe('online-service kind ⇄ DVCToanTrinh + MucDoDVC', () => {
  it.each([
    ['end-to-end', { DVCToanTrinh: 1, MucDoDVC: null }],
    ['partial', { DVCToanTrinh: 0, MucDoDVC: 3 }],
    ['none', { DVCToanTrinh: 0, MucDoDVC: 2 }],
  ] as const)('%s → %j and back', (kind, fields) => {
    expect(toServiceLevel(kind)).toEqual(fields);
    expect(fromServiceLevel(fields)).toBe(kind);
  });

  it.each([1, 2, 3, 4] as const)('an old level %i reads as the contract upgrade says', (level) => {
    expect(fromServiceLevel({ DVCToanTrinh: 0, MucDoDVC: level })).toBe(
      upgradeDossierV1({ onlineServiceLevel: level }).onlineService,
    );
  });

  it('the portal requires the old level 1–3 for a service that is not end-to-end', () => {
    const h: HoSo = toHoSo(canonical(fixture('sync-dossier.ok.json').input));
    const check = (fields: Partial<HoSo>) =>
      hoSoSchema.validate({ ...h, ...fields }, { convert: false }).error?.details[0].path.join('.');
    expect(check({ DVCToanTrinh: 0, MucDoDVC: null })).toBe('MucDoDVC');
    expect(check({ DVCToanTrinh: 0, MucDoDVC: 4 })).toBe('MucDoDVC');
    expect(check({ DVCToanTrinh: 1, MucDoDVC: null })).toBeUndefined();
  });
});

describe('phones', () => {
  it('E.164 → national form for Vietnam, unchanged abroad', () => {
    expect(toPortalPhone('+84912345678')).toBe('0912345678');
    expect(toPortalPhone('+6591234567')).toBe('+6591234567');
  });

  it('portal forms → E.164, old 11-digit mobiles converted, junk dropped', () => {
    expect(fromPortalPhone('0912345678')).toBe('+84912345678');
    expect(fromPortalPhone('01647058663')).toBe('+84347058663');
    expect(fromPortalPhone('+6591234567')).toBe('+6591234567');
    expect(fromPortalPhone('không có')).toBeUndefined();
    expect(fromPortalPhone(null)).toBeUndefined();
  });
});

describe('status changes, ratings and answers', () => {
  it('a status change becomes the recorded TienDo', () => {
    const f = fixture('update-progress.ok.json');
    expect(
      toTienDo({
        dossierCode: '000.00.27628-251103-0007',
        status: 10,
        at: '2025-11-08T02:00:00Z',
        unit: { code: 'UBND.27628', name: 'UBND Xã Hưng Long' },
        note: 'Đã trả kết quả qua bưu chính',
        actor: 'Bộ phận một cửa',
      }),
    ).toEqual(f.request.body);
  });

  it('a rating becomes the recorded DanhGia', () => {
    expect(
      toDanhGia({
        dossierCode: '000.00.27628-251103-0007',
        ratedAt: '2025-11-08T10:30:00+07:00',
        answers: [
          { criterion: 'reception', level: 'very-satisfied' },
          { criterion: 'processing-time', level: 'satisfied' },
          { criterion: 'staff-conduct', level: 'not-satisfied' },
        ],
        comment: 'Cán bộ hướng dẫn chưa rõ',
      }),
    ).toEqual(fixture('rate-dossier.ok.json').request.body);
  });

  it('a look-up with DungHan 0 says late even where the computation would say on time', () => {
    const data = fixture('dossier-status.ok.json').response.body.data;
    expect(fromTraCuu({ ...data, DungHan: 0 })).toMatchObject({ onTime: false });
  });

  it('an unfinished dossier carries no on-time flag', () => {
    const data = fixture('dossier-status.ok.json').response.body.data;
    const view = fromTraCuu({
      ...data,
      DungHan: null,
      TrangThaiHoSo: 4,
      QuaTrinhXuLy: data.QuaTrinhXuLy.slice(0, 3),
    });
    expect(view).not.toHaveProperty('onTime');
    expect(view).toMatchObject({ status: 4 });
  });
});

describe('the envelope', () => {
  const schema = hoSoSchema.extract('DonViXuLy');

  it('error_code 0: the data, read against the operation schema', () => {
    const body = { error_code: 0, message: 'Thành công', data: { MaDonVi: 'X', TenDonVi: null } };
    expect(readEnvelope('national-portal', body, schema)).toEqual(body.data);
  });

  it('an unknown error_code keeps its number', () => {
    expect(() =>
      readEnvelope('national-portal', { error_code: 42, message: '', data: null }, schema),
    ).toThrow(expect.objectContaining({ code: 'rejected', upstreamCode: 'PORTAL_ERROR_42' }));
  });

  it('TCVN3 text in the message is malformed', () => {
    expect(() =>
      readEnvelope(
        'national-portal',
        { error_code: 0, message: 'Thµnh c«ng', data: { MaDonVi: 'X' } },
        schema,
      ),
    ).toThrow(expect.objectContaining({ code: 'malformed' }));
  });

  it('readError reads envelopes only', () => {
    expect(readError({ error_code: 2, message: 'Hồ sơ không tồn tại trên Cổng' })).toEqual({
      upstreamCode: 'HO_SO_KHONG_TON_TAI',
      reason: 'Hồ sơ không tồn tại trên Cổng',
      notFound: true,
    });
    expect(readError({ maLoi: 'X' })).toBeUndefined();
    expect(readError('busy')).toBeUndefined();
  });
});
