/** Redaction keeps diagnosis useful and personal data out. */
import { redactRaw, redactText, redactValue, REDACTED } from './redact';

describe('redaction', () => {
  it('masks identifiers, phones and e-mails in text, keeps the rest', () => {
    const out = redactText('ID 001099012345 phone 0912345678 mail a.b@x.vn status=LOI_HE_THONG');
    expect(out).not.toMatch(/001099012345|0912345678|a\.b@x\.vn/);
    expect(out).toContain('LOI_HE_THONG');
  });
  it('masks name-like XML elements and JSON members', () => {
    expect(redactText('<ns:hoTen>Nguyễn Văn A</ns:hoTen><ns:maLoi>E1</ns:maLoi>')).toBe(
      `<ns:hoTen>${REDACTED}</ns:hoTen><ns:maLoi>E1</ns:maLoi>`,
    );
    expect(redactText('{"hoTen":"Nguyễn Văn A","maLoi":"E1"')).toBe(`{"hoTen":"${REDACTED}","maLoi":"E1"`);
  });
  it('walks parsed JSON', () => {
    expect(redactValue({ hoTen: 'A', nested: [{ soDinhDanh: '001099012345', code: 'X' }] })).toEqual({
      hoTen: REDACTED,
      nested: [{ soDinhDanh: REDACTED, code: 'X' }],
    });
    expect(redactRaw('{"fullName":"B","n":1}')).toBe(`{"fullName":"${REDACTED}","n":1}`);
  });
  it('bounds the length kept', () => {
    expect(redactRaw('x'.repeat(10_000), 100).length).toBeLessThan(130);
  });
});
