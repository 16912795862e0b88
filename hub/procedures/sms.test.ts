/** Citizen SMS: Vietnamese only, one segment where possible (GSM-7 / UCS-2 counted), never over 480 chars. */
import { DOSSIER_STATUSES } from '../../contracts/schemas/dossier';
import { citizenSmsText, smsSegments, SMS_MAX_CHARS } from './sms';

const CODE = 'UBND-NGOCHA-261208-0001';
const LINK = {
  label: 'Mời đánh giá',
  url: 'http://127.0.0.1:38745/v1/ratings/UBND-NGOCHA-261208-0001/AbCdEfGhIjKlMnOpQrStUv',
};

describe('smsSegments', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2 }); // 153 per part
    expect(smsSegments('ă'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1 });
    expect(smsSegments('ă'.repeat(71))).toEqual({ encoding: 'UCS-2', segments: 2 }); // 67 per part
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1 }); // extension table: 2 each
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', segments: 2 });
  });
});

describe('citizenSmsText', () => {
  it.each(Object.entries(DOSSIER_STATUSES))('status %s fits one segment, with its diacritics', (_code, s) => {
    const text = citizenSmsText({ dossierCode: CODE, status: s.vi });
    expect(text).toBe(`Hồ sơ ${CODE}: ${s.vi}.`);
    expect(smsSegments(text)).toEqual({ encoding: 'UCS-2', segments: 1 });
  });

  it('with the rating link: without diacritics, one GSM-7 segment', () => {
    const text = citizenSmsText({ dossierCode: CODE, status: 'Đã trả kết quả', link: LINK });
    expect(text).toBe(`Ho so ${CODE}: Da tra ket qua. Moi danh gia: ${LINK.url}`);
    expect(smsSegments(text)).toEqual({ encoding: 'GSM-7', segments: 1 });
  });

  it('a reason that does not fit one segment is sent whole, in as few segments as it takes', () => {
    const reason =
      'Đăng ký hộ kinh doanh: Tên “Quán Cơm Tấm Sài Gòn” đã được đăng ký tại xã này – đề nghị chọn tên khác và nộp lại hồ sơ';
    const text = citizenSmsText({ dossierCode: CODE, status: 'Yêu cầu bổ sung', reason });
    // Without diacritics and with plain quotes and dash: GSM-7, two segments instead of three UCS-2 ones.
    expect(text).toBe(
      `Ho so ${CODE}: Yeu cau bo sung. Ly do: Dang ky ho kinh doanh: Ten "Quan Com Tam Sai Gon" da duoc dang ky tai xa nay - de nghi chon ten khac va nop lai ho so`,
    );
    expect(smsSegments(text)).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsSegments(`Hồ sơ ${CODE}: Yêu cầu bổ sung. Lý do: ${reason}`)).toEqual({
      encoding: 'UCS-2',
      segments: 3,
    });
  });

  it('a reason too long for the service is shortened, never the code, status or link', () => {
    const text = citizenSmsText({
      dossierCode: CODE,
      status: 'Dừng xử lý',
      reason: 'lý do '.repeat(200),
      link: LINK,
    });
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(text.startsWith(`Ho so ${CODE}: Dung xu ly. Ly do: ly do`)).toBe(true);
    expect(text.endsWith(`... Moi danh gia: ${LINK.url}`)).toBe(true);
  });

  it('is Vietnamese only: no English words', () => {
    for (const [, s] of Object.entries(DOSSIER_STATUSES)) {
      const text = citizenSmsText({ dossierCode: CODE, status: s.vi, link: LINK });
      expect(text.replace(LINK.url, '')).not.toMatch(/\b(the|was|result|returned|processing|dossier)\b/i);
    }
  });
});
