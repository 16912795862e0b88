/** notify mapping, without I/O: E.164 ⇄ the gateway's phone form, the Unicode flag, times, request bodies. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sendEmailInput } from './services/send-email';
import { sendSmsInput } from './services/send-sms';
import { notifyOptions } from './index';
import {
  fromGatewayPhone,
  fromGatewayTime,
  needsUnicode,
  toEmailRequest,
  toGatewayPhone,
  toGatewayTime,
  toSmsRequest,
} from './mapping';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const sender = notifyOptions(undefined);

describe('phones: E.164 ⇄ 84xxxxxxxxx', () => {
  it.each([
    ['+84912345678', '84912345678'],
    ['+84373049933', '84373049933'],
    ['+842838123456', '842838123456'],
  ])('%s ⇄ %s', (e164, gateway) => {
    expect(toGatewayPhone(e164)).toBe(gateway);
    expect(fromGatewayPhone(gateway)).toBe(e164);
  });

  it('refuses what is not E.164 on the way out', () => {
    expect(() => toGatewayPhone('0912345678')).toThrow(RangeError);
    expect(() => toGatewayPhone('84912345678')).toThrow(RangeError);
  });

  it('reads old 11-digit mobiles in the gateway form as their new numbers, and drops junk', () => {
    expect(fromGatewayPhone('841647058663')).toBe('+84347058663');
    expect(fromGatewayPhone('+84912345678')).toBeUndefined();
    expect(fromGatewayPhone('8412')).toBeUndefined();
  });

  it('the request contract normalises any usual form to E.164 first', () => {
    const v = sendSmsInput.validate({ to: '0164 705 8663', text: 'x' });
    expect(v.value.to).toBe('+84347058663');
    expect(toSmsRequest(v.value, sender, 'k').Phone).toBe('84347058663');
  });
});

describe('SMS content', () => {
  it('maps the recorded request', () => {
    const f = fixture('send-sms.ok.json');
    expect(
      toSmsRequest(
        {
          to: '+84373049933',
          text: 'Hồ sơ 000.00.27628-251103-0007 đã được tiếp nhận. Hạn trả kết quả: 06/11/2025.',
          reference: '000.00.27628-251103-0007',
        },
        sender,
        'delivery-42',
      ),
    ).toEqual(f.request.body);
  });

  it('Vietnamese goes as Unicode, plain ASCII as GSM text', () => {
    expect(needsUnicode('Hồ sơ đã được tiếp nhận')).toBe(true);
    expect(needsUnicode('Ma xac thuc: 482913\nKhong chia se')).toBe(false);
    expect(needsUnicode('Đ')).toBe(true);
  });

  it('decomposed text is sent composed (NFC): fewer UCS-2 units', () => {
    const nfd = 'Hồ sơ'.normalize('NFD');
    expect(toSmsRequest({ to: '+84912345678', text: nfd }, sender, 'k').Content).toBe('Hồ sơ');
  });

  it('the contract converts TCVN3 text, keeps line breaks, and counts at most 480 characters', () => {
    expect(sendSmsInput.validate({ to: '+84912345678', text: 'Hå s¬ ®· ®­îc tiÕp nhËn' }).value.text).toBe(
      'Hồ sơ đã được tiếp nhận',
    );
    expect(sendSmsInput.validate({ to: '+84912345678', text: 'Dòng 1\nDòng 2' }).value.text).toBe(
      'Dòng 1\nDòng 2',
    );
    expect(sendSmsInput.validate({ to: '+84912345678', text: 'ầ'.repeat(480) }).error).toBeUndefined();
    expect(
      sendSmsInput.validate({ to: '+84912345678', text: 'ầ'.repeat(481) }).error?.details[0].path,
    ).toEqual(['text']);
    expect(sendSmsInput.validate({ to: '+84912345678', text: '   ' }).error).toBeDefined();
  });
});

describe('e-mail and times', () => {
  it('maps the recorded e-mail request', () => {
    const f = fixture('send-email.ok.json');
    const input = sendEmailInput.validate({
      to: 'Hang.Le94@Outlook.com',
      subject: 'Thông báo tiếp nhận hồ sơ',
      text: 'Kính gửi bà Lê Thu Hằng,\n\nHồ sơ đăng ký khai sinh của bà đã được tiếp nhận.\n\nTrân trọng.',
      reference: 'HS-KS-0001',
    });
    expect(input.error).toBeUndefined();
    expect(toEmailRequest(input.value, sender, 'delivery-44')).toEqual(f.request.body);
  });

  it('dd/MM/yyyy HH:mm:ss (HCM) ⇄ canonical timestamps', () => {
    expect(fromGatewayTime('03/11/2025 08:00:05')).toBe('2025-11-03T08:00:05+07:00');
    expect(toGatewayTime('2025-11-03T01:00:05Z')).toBe('03/11/2025 08:00:05');
    expect(() => fromGatewayTime('31/02/2025 08:00:00')).toThrow(RangeError);
  });

  it('sender options: defaults, and the 11-character brandname limit', () => {
    expect(sender).toEqual({ brandname: 'DVC-LTHONG', senderName: 'Dịch vụ công liên thông' });
    expect(() => notifyOptions({ brandname: 'DVC-LIENTHONG' })).toThrow(/brandname/);
    expect(() => notifyOptions({ unknown: 1 })).toThrow();
  });
});
