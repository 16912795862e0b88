/** What of an upstream's failure text a member may see (issue #10, finding 7): one safe, bounded line. */
import { memberCode, memberText, MEMBER_TEXT_MAX } from './member-text';

describe('memberText', () => {
  it.each([
    ['a script block', 'Lỗi <script>alert(document.cookie)</script>hệ thống', 'Lỗi hệ thống'],
    ['an unterminated script', 'Lỗi <script>alert(1)', 'Lỗi'],
    ['other markup', '<b onclick="x()">Không</b> <i>tìm thấy</i>', 'Không tìm thấy'],
    ['a Unix path', 'ENOENT: /var/lib/hotich/data/ks-2026.db not found', 'ENOENT: [path] not found'],
    ['a Windows path', 'at C:\\inetpub\\wwwroot\\HoTich\\Web.config', 'at [path]'],
    ['a URL', 'see http://10.0.3.7:8080/admin?x=1 now', 'see [url] now'],
    ['an IPv4 address and port', 'connect ECONNREFUSED 10.0.3.7:5432', 'connect ECONNREFUSED [address]'],
    ['a host and port', 'db01.hotich.local:1521 timed out', '[address] timed out'],
    ['an internal host name', 'upstream ora-prod.internal refused', 'upstream [address] refused'],
    ['an IPv6 address', 'from fe80::1ff:fe23:4567:890a', 'from [address]'],
    ['a stack frame', 'Boom at Object.handler (/srv/app/index.js:12:5)', 'Boom'],
    ['newlines', 'Dòng 1\r\nDòng 2\n\tDòng 3', 'Dòng 1 Dòng 2 Dòng 3'],
    ['control and bidi characters', 'A\u0000B \u202Eexe.txt C\ud800D', 'A B exe.txt C D'],
    [
      'personal identifiers',
      'Công dân 001099012345, 0912345678, a@b.vn',
      'Công dân ############, [redacted], [redacted]',
    ],
  ])('%s', (_name, input, expected) => {
    expect(memberText(input)).toBe(expected);
  });

  it('keeps ordinary messages as they are', () => {
    expect(memberText('Thửa đất không tồn tại (CodeResult 100)')).toBe(
      'Thửa đất không tồn tại (CodeResult 100)',
    );
    expect(memberText('answer does not match the upstream’s schema (khaiTu.soDangKy: string.base)')).toBe(
      'answer does not match the upstream’s schema (khaiTu.soDangKy: string.base)',
    );
  });

  it('is bounded: at most 200 characters, one line, whatever the input', () => {
    const out = memberText(`${'Lỗi rất dài '.repeat(10_000)}\n${'x'.repeat(100_000)}`);
    expect(out.length).toBeLessThanOrEqual(MEMBER_TEXT_MAX);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\r\n]/);
  });

  it('leaves nothing of markup-only text', () => {
    expect(memberText('<script>x</script><style>y</style>')).toBe('');
  });
});

describe('memberCode', () => {
  it.each([
    ['KHONG_TON_TAI', 'KHONG_TON_TAI'],
    ['soap:Client', 'soap:Client'],
    ['E-404.1', 'E-404.1'],
    ['<script>', undefined],
    ['a b', undefined],
    ['x'.repeat(65), undefined],
    [undefined, undefined],
  ])('%s → %s', (code, expected) => {
    expect(memberCode(code)).toBe(expected);
  });
});
