/** The one free-text check of the contracts (issue #10, finding 4). */
import { checkText, describeUnsafe, findUnsafeCharacter } from './text';

describe('findUnsafeCharacter', () => {
  it.each([
    ['NUL', 'A\u0000B', 0x0000, 'control'],
    ['a C0 control', 'A\u0007B', 0x0007, 'control'],
    ['DEL', 'A\u007FB', 0x007f, 'control'],
    ['a C1 control', 'A\u0085B', 0x0085, 'control'],
    ['a lone high surrogate', 'C\ud800D', 0xd800, 'lone-surrogate'],
    ['a lone low surrogate', 'C\udc00D', 0xdc00, 'lone-surrogate'],
    ['U+FFFE', 'A\uFFFEB', 0xfffe, 'not-xml'],
    ['U+FFFF', 'A\uFFFFB', 0xffff, 'not-xml'],
    ['RIGHT-TO-LEFT OVERRIDE', '\u202Eexe.txt', 0x202e, 'bidi'],
    ['LEFT-TO-RIGHT EMBEDDING', 'a\u202Ab', 0x202a, 'bidi'],
    ['FIRST STRONG ISOLATE', 'a\u2068b', 0x2068, 'bidi'],
    ['POP DIRECTIONAL ISOLATE', 'a\u2069b', 0x2069, 'bidi'],
    ['U+FFFD (bytes that were not UTF-8)', 'A\uFFFDB', 0xfffd, 'replacement'],
  ])('%s', (_name, text, codePoint, kind) => {
    expect(findUnsafeCharacter(text)).toMatchObject({ codePoint, kind });
  });

  it.each([
    ['Vietnamese text', 'Nguyễn Thị Hồng Nhung, Phường Tân Hiệp'],
    ['line breaks and tabs', 'dòng 1\r\ndòng 2\tcột'],
    ['a surrogate pair (emoji)', 'Chúc mừng 🎉'],
    ['marks that are not overrides (LRM, RLM, ZWJ)', 'a\u200Eb\u200Fc\u200Dd'],
    ['the empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(findUnsafeCharacter(text)).toBeUndefined();
  });

  it('reports the first one', () => {
    expect(findUnsafeCharacter('a\u0085b\u0000')).toMatchObject({ index: 1, codePoint: 0x85 });
    expect(findUnsafeCharacter('a\u0000b\u0085')).toMatchObject({ index: 1, codePoint: 0 });
  });
});

describe('checkText', () => {
  it('names the character, never the text', () => {
    const r = checkText('Nguyễn Văn A\u202Egpj.exe');
    expect(r).toEqual({
      ok: false,
      code: 'TEXT_CHARACTERS',
      context: { character: 'U+202E (bidirectional control)' },
    });
    expect(describeUnsafe(findUnsafeCharacter('\u0000')!)).toBe('U+0000 (control character)');
  });

  it('returns clean text unchanged', () => {
    expect(checkText('Tuổi cao, bệnh tim')).toEqual({ ok: true, value: 'Tuổi cao, bệnh tim' });
  });
});
