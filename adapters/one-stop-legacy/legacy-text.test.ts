/** Converting the legacy system's text a record at a time: TCVN3 decoded, Unicode kept, anything else refused. */
import { encodeTcvn3, encodeVni } from '../../contracts/validators/legacy-encoding';
import { getPopulation } from '../sdk/simulator/population';
import { convertLegacyRecord, hasLegacyResidue, readLegacyString } from './legacy-text';
import { encodeStrings } from './simulator/legacy-faults';

const unicode = {
  HoTen: 'Vũ Minh Phong',
  DiaChi: {
    DiaChiDayDu: 'Số 12, Thôn Đoài, Xã Cao Sơn Tiến, Huyện Ứng Hòa, Thành phố Hà Nội',
    MaXa: '10378',
  },
  GiayTo: [{ Ma: 'CCCD', Ten: 'Bản sao căn cước công dân' }],
  SoTien: 100000,
};
const tcvn3 = encodeStrings(unicode, encodeTcvn3) as typeof unicode;

describe('a record in TCVN3', () => {
  it('is decoded string by string, codes and numbers untouched', () => {
    expect(tcvn3.HoTen).toBe('Vò Minh Phong');
    expect(convertLegacyRecord(tcvn3)).toEqual({ ok: true, value: unicode, encoding: 'tcvn3' });
  });

  it('is judged as a whole: a name that alone reads as Unicode is decoded with the rest', () => {
    // "Vò Minh Phong" on its own is plausible Unicode ("vò" is a word); beside its TCVN3 address it is not.
    // ("Vò Gia TÝn" no longer serves: "TÝn" is no Vietnamese syllable, so it is decided alone since #11.)
    expect(convertLegacyRecord({ HoTen: tcvn3.HoTen })).toEqual({
      ok: false,
      path: 'HoTen',
      problem: 'undecided-encoding',
    });
  });

  it('restores the capitals TCVN3 writes with lower-case codes in names', () => {
    const r = convertLegacyRecord({ a: encodeTcvn3('Phạm Ngọc Ánh'), b: encodeTcvn3('Đặng Thùy Ứng') });
    expect(r).toMatchObject({ ok: true, value: { a: 'Phạm Ngọc Ánh', b: 'Đặng Thùy Ứng' } });
  });

  it('round-trips the names and addresses of the synthetic population written in TCVN3', () => {
    const pop = getPopulation();
    // Hà Nội, where the simulated system is, and every name of an ethnic minority, wherever they live.
    const failures = pop.persons
      .filter((p) => p.permanentAddress.provinceCode === '01' || p.ethnicity !== 'Kinh')
      .filter((p) => !/ŭ/.test(p.fullName + p.permanentAddress.text)) // TCVN3 cannot write ŭ (Ê Đê "Ayŭn")
      .map((p) => ({ n: p.fullName, a: p.permanentAddress.text }))
      .filter((rec) => {
        const r = convertLegacyRecord(encodeStrings(rec, encodeTcvn3) as typeof rec);
        return !r.ok || r.value.n !== rec.n || r.value.a !== rec.a;
      });
    expect(failures).toEqual([]);
  });
});

describe('a record in Unicode', () => {
  it('is kept (NFC), as written by a later module of the system', () => {
    const decomposed = { ...unicode, HoTen: unicode.HoTen.normalize('NFD') };
    expect(convertLegacyRecord(decomposed)).toEqual({ ok: true, value: unicode, encoding: 'unicode' });
  });
  it('needs no conversion when it is ASCII', () => {
    const ascii = { MaHoSo: '000.00.08.H26-250312-0001', SoTien: 2000, Ma: null };
    expect(convertLegacyRecord(ascii)).toEqual({ ok: true, value: ascii, encoding: 'ascii' });
  });
});

describe('what is refused, not half-converted', () => {
  it('a name mixing Unicode and TCVN3', () => {
    const rec = { ...tcvn3, HoTen: 'Nguyễn ' + encodeTcvn3('Văn Hòa') };
    expect(rec.HoTen).toBe('Nguyễn V¨n Hßa');
    expect(convertLegacyRecord(rec)).toEqual({ ok: false, path: 'HoTen', problem: 'mixed-encoding' });
  });
  it('a Unicode name in a TCVN3 record', () => {
    const rec = { ...tcvn3, HoTen: 'Nguyễn Văn Hòa' };
    expect(convertLegacyRecord(rec)).toEqual({
      ok: false,
      path: 'DiaChi.DiaChiDayDu',
      problem: 'mixed-encoding',
    });
  });
  it('a TCVN3 word left in Unicode text, even without a character only TCVN3 uses', () => {
    expect(hasLegacyResidue('NguyÔn Văn Hoà')).toBe(true);
    expect(hasLegacyResidue('Nguyễn Văn Hoà')).toBe(false);
    const rec = { HoTen: 'NguyÔn Văn Hoà', DiaChi: 'Thành phố Hà Nội' };
    expect(convertLegacyRecord(rec)).toMatchObject({ ok: false, path: 'HoTen', problem: 'mixed-encoding' });
  });
  it('VNI, which this system does not speak', () => {
    const rec = encodeStrings(unicode, encodeVni);
    expect(convertLegacyRecord(rec)).toMatchObject({ ok: false, problem: 'vni' });
  });
  it('Latin-1-only text that reads both ways', () => {
    // (So is mixed text whose Unicode part stays within Latin-1: "Không" + TCVN3 decodes as "Khụng" — a limit
    // of any detection, since those bytes are valid TCVN3 too.)
    expect(convertLegacyRecord({ HoTen: 'Hà Tú' })).toEqual({
      ok: false,
      path: 'HoTen',
      problem: 'undecided-encoding',
    });
  });
  it('text encoded twice, when a decoded word still reads as TCVN3', () => {
    const twice = encodeStrings({ HoTen: 'Trần Văn Tuấn', DiaChi: unicode.DiaChi }, (s) =>
      encodeTcvn3(encodeTcvn3(s)),
    );
    expect(convertLegacyRecord(twice)).toMatchObject({ ok: false, problem: 'legacy-residue' });
  });
});

describe('one string (an error message)', () => {
  it('is converted when it can be, else left out', () => {
    expect(readLegacyString(encodeTcvn3('Không tìm thấy hồ sơ'))).toBe('Không tìm thấy hồ sơ');
    expect(readLegacyString('Đã ' + encodeTcvn3('hết hạn'))).toBeUndefined();
  });
});
