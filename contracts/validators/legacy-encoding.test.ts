/** TCVN3 / VNI tables against independent sources, detection on real names, and round-trip properties. */
import fc from 'fast-check';
import fixtures from './fixtures/legacy-encoding.json';
import {
  decodeTcvn3,
  decodeTcvn3Bytes,
  decodeVni,
  decodeVniBytes,
  detectLegacyEncoding,
  encodeTcvn3,
  encodeVni,
  toUnicode,
} from './legacy-encoding';
import { syllable } from './syllable';

const isStandard = (word: string): boolean => syllable(word) === 2;

/** The Vietnamese vowel letters, built from Unicode composition (independent of the module's tables). */
const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const LOWER_VOWELS = [
  'a',
  'a\u0306',
  'a\u0302',
  'e',
  'e\u0302',
  'i',
  'o',
  'o\u0302',
  'o\u031b',
  'u',
  'u\u031b',
  'y',
].flatMap((v) => TONES.map((t) => (v + t).normalize('NFC')));
const LOWER_LETTERS = [...LOWER_VOWELS, 'đ', ...'bcdghklmnpqrstvx'];
const UPPER_LETTERS = LOWER_LETTERS.map((c) => c.toUpperCase());
const ALL_LETTERS = [...LOWER_LETTERS, ...UPPER_LETTERS];

/**
 * Windows-1252 for bytes 0x80–0x9F, as Python's cp1252 codec gives it (undefined bytes kept as C1 controls).
 * Node 20's TextDecoder('windows-1252') cannot serve as the oracle: it decodes Latin-1.
 */
const CP1252_80_9F =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';
const cp1252Char = (b: number): string =>
  b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
const cp1252 = (bytes: Uint8Array): string => Array.from(bytes, cp1252Char).join('');
/** A string's Windows-1252 bytes (the encoders' output is in that reading). */
const cp1252Bytes = (s: string): Uint8Array =>
  Uint8Array.from([...s].map((c) => (c < '\u0100' ? c.charCodeAt(0) : 0x80 + CP1252_80_9F.indexOf(c))));

const NAMES = [
  'Nguyễn Văn Hòa',
  'Trần Thị Thu Hà',
  'Lê Đức Thọ',
  'Phạm Ngọc Ánh',
  'Đặng Thùy Dương',
  'Bùi Xuân Phái',
  'Ông Ích Khiêm',
  'ÂU DƯƠNG PHONG',
  'Hồ Chí Minh',
  'Phường Bến Nghé',
  'Xã Ea Kao',
  "H'Hen Niê",
  'Y Bih Niê',
  'Kpă Y Lan',
  'Huỳnh Tấn Phát',
  'Võ Nguyên Giáp',
  'Tôn Nữ Thị Ninh',
  'Lý Thường Kiệt',
  'Trương Mỹ Hoa',
  'Quách Thị Hồng Nhung',
  'Vương Đình Huệ',
  'NGUYỄN THỊ MINH KHAI',
  'Thị trấn Đắk Mil, tỉnh Đắk Nông',
  'Số 12 đường Lê Lợi, Phường Bến Thành',
  'Xã Ia Grai',
  'Thôn Buôn Đôn',
];
/** Unicode text that is all Latin-1 or otherwise close to a legacy reading, and must be left alone. */
const STAY_UNICODE = [
  'Bùi Xuân Phái',
  'BÙI XUÂN PHÁI',
  'Lê Thu Hà',
  'Hoà Thuỷ Khoẻ',
  'Hòa Thủy Khỏe',
  'Hoàng Văn Tú',
  'ÔNG ÍCH KHIÊM',
  'Toàn Tâm',
  'XÃ EA YÔNG',
  'SRó Giát',
  'Ama Kông AYun',
  "John O'Neil",
  'Müller',
  'Jürgen Müller',
  'François Lefèvre',
  'José García',
  'Søren Kierkegaard',
  'Zoë Noël',
  'Ibáñez Peña',
  'Bùi Phái ©',
  '30 °C, Hà Tĩnh',
  '« Tú »',
  '',
  '   ',
  'Café Thérèse',
];

describe('tables against independent sources (fixtures/legacy-encoding.json)', () => {
  test.each(fixtures.phrases.map((p) => [p.encoding, p.legacy, p.unicode] as const))(
    '%s: %s',
    (encoding, legacy, unicode) => {
      const decode = encoding === 'tcvn3' ? decodeTcvn3 : decodeVni;
      const encode = encoding === 'tcvn3' ? encodeTcvn3 : encodeVni;
      expect(decode(legacy)).toBe(unicode);
      expect(encode(unicode)).toBe(legacy);
      expect(detectLegacyEncoding(legacy)).toBe(encoding);
      expect(toUnicode(legacy)).toEqual({ text: unicode, encoding });
      expect(detectLegacyEncoding(unicode)).toBe('unicode');
    },
  );

  test('every TCVN3 letter of the HRM character list', () => {
    const { legacy, unicode } = fixtures.tcvn3Letters;
    const letters = [...unicode];
    expect(legacy).toHaveLength(74);
    expect(letters).toHaveLength(74);
    legacy.forEach((code, i) => {
      expect(decodeTcvn3(code)).toBe(letters[i]);
      expect(decodeTcvn3Bytes(cp1252Bytes(code))).toBe(letters[i]);
      expect(encodeTcvn3(letters[i])).toBe(code);
    });
  });

  test('TCVN3 writes toned capitals with the lower-case code; a lone code decodes to lower case', () => {
    expect(encodeTcvn3('Á')).toBe(encodeTcvn3('á'));
    expect(encodeTcvn3('Ặ')).toBe('Æ');
    expect(decodeTcvn3('Æ')).toBe('ặ');
    for (const letter of UPPER_LETTERS) expect(decodeTcvn3(encodeTcvn3(letter)).toUpperCase()).toBe(letter);
  });

  test('every VNI spelling of the xvnkb table, upper and lower case', () => {
    const { legacy, unicode } = fixtures.vniLetters;
    const letters = [...unicode];
    expect(legacy).toHaveLength(letters.length);
    expect(new Set(letters)).toEqual(new Set([...LOWER_VOWELS, 'đ'].flatMap((c) => [c, c.toUpperCase()])));
    legacy.forEach((spelling, i) => {
      expect(decodeVni(spelling)).toBe(letters[i]);
      expect(decodeVniBytes(cp1252Bytes(spelling))).toBe(letters[i]);
      expect(encodeVni(letters[i])).toBe(spelling);
    });
  });

  test('VNI accepts a mark of the other case; the base letter decides', () => {
    expect(decodeVni('Aùnh')).toBe('Ánh');
    expect(decodeVni('aÙ')).toBe('á');
    expect(decodeVni('NGUYEãN')).toBe('NGUYỄN');
  });
});

describe('Windows-1252 and Latin-1 readings (bytes 0x80–0x9F)', () => {
  const c1 = Array.from({ length: 32 }, (_, i) => [(0x80 + i).toString(16), 0x80 + i] as const);

  test.each(c1)('byte 0x%s reads the same both ways in both encodings', (_, b) => {
    const expected = cp1252Char(b);
    expect(cp1252Bytes(expected)).toEqual(Uint8Array.of(b));
    for (const decode of [decodeTcvn3, decodeVni]) {
      expect(decode(String.fromCharCode(b))).toBe(expected);
      expect(decode(expected)).toBe(expected);
    }
    expect(decodeTcvn3Bytes(Uint8Array.of(b))).toBe(expected);
    expect(decodeVniBytes(Uint8Array.of(b))).toBe(expected);
  });

  test('a smart apostrophe (byte 0x92) inside legacy names', () => {
    const tcvn3 = Uint8Array.from([0x48, 0x92, 0x48, 0x65, 0x6e, 0x20, 0x4e, 0x69, 0xaa]);
    expect(decodeTcvn3Bytes(tcvn3)).toBe('H’Hen Niê');
    expect(decodeTcvn3(Buffer.from(tcvn3).toString('latin1'))).toBe('H’Hen Niê');
    expect(decodeTcvn3(cp1252(tcvn3))).toBe('H’Hen Niê');
    const vni = cp1252Bytes('H’Hen Nieâ');
    expect(vni[1]).toBe(0x92);
    expect(decodeVni(Buffer.from(vni).toString('latin1'))).toBe('H’Hen Niê');
    expect(toUnicode(Buffer.from(vni).toString('latin1')).encoding).toBe('vni');
  });

  test('any bytes decode the same from the bytes, the Latin-1 string and the Windows-1252 string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const latin1 = Buffer.from(bytes).toString('latin1');
        const win = cp1252(bytes);
        expect(decodeTcvn3(latin1)).toBe(decodeTcvn3Bytes(bytes));
        expect(decodeTcvn3(win)).toBe(decodeTcvn3Bytes(bytes));
        expect(decodeVni(latin1)).toBe(decodeVniBytes(bytes));
        expect(decodeVni(win)).toBe(decodeVniBytes(bytes));
      }),
    );
  });

  test('characters outside both readings pass through', () => {
    expect(decodeTcvn3('nguyễn ¸')).toBe('nguyễn á');
    expect(decodeVni('😀 Hoaø')).toBe('😀 Hoà');
  });
});

describe('names and addresses', () => {
  test.each(NAMES)('%s', (name) => {
    expect(detectLegacyEncoding(name)).toBe('unicode');
    expect(detectLegacyEncoding(name.normalize('NFD'))).toBe('unicode');
    expect(toUnicode(name)).toEqual({ text: name, encoding: 'unicode' });
    expect(toUnicode(name.normalize('NFD'))).toEqual({ text: name, encoding: 'unicode' });

    const tcvn3 = encodeTcvn3(name);
    expect(tcvn3).not.toBe(name);
    expect(detectLegacyEncoding(tcvn3)).toBe('tcvn3');
    expect(decodeTcvn3(tcvn3)).toBe(name);
    expect(decodeTcvn3Bytes(cp1252Bytes(tcvn3))).toBe(name);
    expect(toUnicode(tcvn3)).toEqual({ text: name, encoding: 'tcvn3' });

    const vni = encodeVni(name);
    expect(decodeVni(vni)).toBe(name);
    expect(decodeVniBytes(cp1252Bytes(vni))).toBe(name);
    // The VNI spelling of "Hồ" is "Hoà", itself valid Unicode (old-style "Hòa"): no way to tell, so it stays.
    const ambiguous = name === 'Hồ Chí Minh';
    expect(detectLegacyEncoding(vni)).toBe(ambiguous ? 'unicode' : 'vni');
    expect(toUnicode(vni)).toEqual(
      ambiguous ? { text: vni, encoding: 'unicode' } : { text: name, encoding: 'vni' },
    );
  });

  test.each(STAY_UNICODE)('stays Unicode: %j', (text) => {
    expect(detectLegacyEncoding(text)).toBe('unicode');
    expect(detectLegacyEncoding(text.normalize('NFD'))).toBe('unicode');
    expect(toUnicode(text)).toEqual({ text: text.normalize('NFC'), encoding: 'unicode' });
  });

  test('ASCII names are the same in every encoding', () => {
    expect(encodeTcvn3("John O'Neil")).toBe("John O'Neil");
    expect(encodeVni('Ea Kao')).toBe('Ea Kao');
  });

  test('letters outside the encodings are kept by the encoders', () => {
    expect(encodeTcvn3('Müller ñ')).toBe('Müller ñ');
    expect(encodeVni('Zoë')).toBe('Zoë');
  });

  test('text mixing TCVN3 and VNI words is left as it is: no single decoding repairs it', () => {
    for (const mixed of ['Hßa Leâ Haø Hoøa', 'Thïy Hßa Traµn Bïi Thu']) {
      expect(detectLegacyEncoding(mixed)).not.toBe('unicode');
      expect(toUnicode(mixed)).toEqual({ text: mixed, encoding: 'unicode' });
    }
  });

  test('running text and abbreviations', () => {
    expect(detectLegacyEncoding('Caên cöù Luaät HÑND vaø UBND')).toBe('vni');
    expect(toUnicode('T«i ë Hµ Néi tõ n¨m 2000').text).toBe('Tôi ở Hà Nội từ năm 2000');
    expect(toUnicode('c¸c ¸nh s¸ng cña ViÖt Nam').text).toBe('các ánh sáng của Việt Nam');
  });
});

describe('issue #11: words no Unicode Vietnamese has, decided by syllable structure', () => {
  test.each([
    ['Vâ Thanh Vinh', 'Võ Thanh Vinh', 'tcvn3'], // "vâ": bare â is no standard syllable; "võ" is
    ['Vò Gia TÝn', 'Vũ Gia Tín', 'tcvn3'], // "TÝn": y before n is none
    ['Trònh Thanh Minh', 'Trịnh Thanh Minh', 'vni'], // "trònh": o before nh is none
    ['Mai Quoác Phong', 'Mai Quốc Phong', 'vni'], // "quoác": no second glide after qu
    ['Y Wang £ban', 'Y Wang Êban', 'tcvn3'], // a clan name as one word, from a token with a symbol
    ["H'Jueâ Adrông", "H'Juê Adrơng", 'vni'],
  ])('%s → %s (%s)', (legacy, unicode, encoding) => {
    expect(toUnicode(legacy)).toEqual({ text: unicode, encoding });
  });

  test('in names, the name syllables decide where structure cannot (normaliseName passes them)', () => {
    const names = { lexicon: new Set(['lưu', 'thị', 'duy', 'mai', 'linh', 'vũ', 'minh', 'phong']) };
    // "Thò" and "Vò" are Vietnamese words, "Löu" reads as TCVN3 "Lửu" as well as VNI "Lưu": a tie.
    expect(detectLegacyEncoding('Löu Thò Duy')).toBe('unicode');
    expect(detectLegacyEncoding('Löu Thò Duy', names)).toBe('vni');
    expect(detectLegacyEncoding('Mai Thò Linh')).toBe('unicode');
    expect(detectLegacyEncoding('Mai Thò Linh', names)).toBe('vni');
    expect(detectLegacyEncoding('Vò Minh Phong', names)).toBe('tcvn3');
    // Never against a word of the lexicon, never for a Unicode name made of its words.
    expect(detectLegacyEncoding('Hoà Minh Phong', { lexicon: new Set(['hoà', 'minh', 'phong']) })).toBe(
      'unicode',
    );
    expect(detectLegacyEncoding('Lưu Thị Duy', names)).toBe('unicode');
  });

  test('every standard syllable stays Unicode, in lower, title and upper case', () => {
    const onset = fc.constantFrom(
      ...'|b|c|ch|d|đ|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x'.split('|'),
    );
    const vowel = fc.constantFrom(...LOWER_VOWELS);
    const rest = fc.constantFrom(
      '',
      'a',
      'i',
      'o',
      'u',
      'y',
      'ê',
      'ô',
      'ơ',
      'c',
      'ch',
      'm',
      'n',
      'ng',
      'nh',
      'p',
      't',
    );
    const second = fc.constantFrom('', 'a', 'i', 'o', 'u', 'y', 'ê', 'ơ', 'c', 'm', 'n', 'ng', 'nh', 't');
    let checked = 0;
    fc.assert(
      fc.property(onset, vowel, rest, second, (o, v, r, s) => {
        const word = `${o}${v}${r}${s}`.normalize('NFC');
        if (!isStandard(word)) return;
        checked++;
        for (const form of [word, word[0].toUpperCase() + word.slice(1), word.toUpperCase()])
          expect([form, toUnicode(form)]).toEqual([form, { text: form, encoding: 'unicode' }]);
      }),
      { numRuns: 5000 },
    );
    expect(checked).toBeGreaterThan(200);
  });
});

describe('TCVN3 capitals restored from context', () => {
  test.each([
    ['§¡NG Ký KINH DOANH', 'ĐĂNG KÝ KINH DOANH'],
    ['Hå CHÝ MINH', 'HỒ CHÍ MINH'],
    ['NGUYÔN V¡N ÊN', 'NGUYỄN VĂN ẤN'],
    ['Ph¹m Ngäc ¸nh', 'Phạm Ngọc Ánh'],
    ['Nh\u00ad ý', 'Như Ý'],
    ['ThÞ trÊn M\u00adêng ¶ng', 'Thị trấn Mường Ảng'],
    ['c¸c ¸nh s¸ng', 'các ánh sáng'],
    ['¸nh', 'ánh'],
    ['Vò Hµ', 'Vũ Hà'],
  ])('%s → %s', (legacy, unicode) => {
    expect(decodeTcvn3(legacy)).toBe(unicode);
  });
});

describe('properties', () => {
  const word = (letters: fc.Arbitrary<string>, min = 1) =>
    fc.string({ unit: letters, minLength: min, maxLength: 7 });
  const lowerLetter = fc.constantFrom(...LOWER_LETTERS);
  const anyLetter = fc.constantFrom(...ALL_LETTERS);
  const upperLetter = fc.constantFrom(...UPPER_LETTERS);
  const joined = (w: fc.Arbitrary<string>) =>
    fc.array(w, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));

  test('VNI: decode(encode(s)) === s for any Vietnamese letters and spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(anyLetter, fc.constant(' ')), maxLength: 30 }), (s) => {
        expect(decodeVni(encodeVni(s))).toBe(s);
        expect(decodeVniBytes(cp1252Bytes(encodeVni(s)))).toBe(s);
      }),
    );
  });

  test('TCVN3: decode(encode(s)) === s for lower-case text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(lowerLetter, fc.constant(' ')), maxLength: 30 }), (s) => {
        expect(decodeTcvn3(encodeTcvn3(s))).toBe(s);
      }),
    );
  });

  test('TCVN3: names in title case (starting with a consonant) and in capitals round-trip', () => {
    const consonant = fc.constantFrom(...'BCDĐGHKLMNPQRSTVX');
    const titled = fc.tuple(anyLetter, word(lowerLetter, 0)).map(([a, b]) => a.toUpperCase() + b);
    const title = fc
      .tuple(consonant, word(lowerLetter, 0), joined(titled))
      .map(([c, w, rest]) => `${c}${w} ${rest}`);
    const caps = joined(word(upperLetter)).map((s) => `NGUYEN ${s}`);
    fc.assert(
      fc.property(fc.oneof(title, caps), (s) => {
        expect(decodeTcvn3(encodeTcvn3(s))).toBe(s);
      }),
    );
  });

  test('TCVN3: any Vietnamese letters round-trip up to case', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(anyLetter, fc.constant(' ')), maxLength: 30 }), (s) => {
        expect(decodeTcvn3(encodeTcvn3(s)).toLowerCase()).toBe(s.toLowerCase());
      }),
    );
  });

  /** Strings heavy in the characters legacy readings use, plus anything else. */
  const legacyish = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'aeiouyAEIOUY nhgcdtĐđ\u00ad\u00a0’'),
      fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
      anyLetter,
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    ),
    maxLength: 30,
  });
  const encodedName = fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.constantFrom(encodeTcvn3, encodeVni, (s: string) => s),
    )
    .map(([name, encode]) => encode(name));

  test('detection never throws and answers one of the three encodings', () => {
    fc.assert(
      fc.property(fc.oneof(legacyish, fc.string({ unit: 'binary' }), encodedName), (s) => {
        expect(['unicode', 'tcvn3', 'vni']).toContain(detectLegacyEncoding(s));
      }),
    );
    expect(detectLegacyEncoding(undefined as unknown as string)).toBe('unicode');
  });

  test('toUnicode is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(legacyish, encodedName), (s) => {
        const once = toUnicode(s).text;
        expect(toUnicode(once).text).toBe(once);
        expect(toUnicode(once).encoding).toBe('unicode');
      }),
      { numRuns: 2000 },
    );
  });

  test('full names of common Vietnamese parts stay Unicode in every form', () => {
    const family = fc.constantFrom(
      ...'Nguyễn Trần Lê Phạm Hoàng Huỳnh Võ Đặng Bùi Đỗ Hồ Ngô Lý Đào Âu Ông Ứng'.split(' '),
    );
    const middle = fc.constantFrom(
      ...'Văn Thị Hữu Đức Minh Thu Ngọc Xuân Hoài Thúy Bảo Như Diệu Quốc'.split(' '),
    );
    const given = fc.constantFrom(
      ...'Hòa Hoà Hà Bình Cường Dũng Phúc Tú Ánh Ích Ý Ước Ấn Oanh Uyên Thủy Thuỷ Quỳnh Lộc Khiêm Ái Út Khoẻ'.split(
        ' ',
      ),
    );
    fc.assert(
      fc.property(fc.tuple(family, middle, given), ([f, m, g]) => {
        const name = `${f} ${m} ${g}`;
        for (const form of [name, name.toUpperCase(), name.toLowerCase(), name.normalize('NFD')]) {
          expect(detectLegacyEncoding(form)).toBe('unicode');
        }
        const tcvn3 = encodeTcvn3(name);
        if (detectLegacyEncoding(tcvn3) === 'tcvn3') expect(toUnicode(tcvn3).text).toBe(name);
        const vni = encodeVni(name);
        if (detectLegacyEncoding(vni) === 'vni') expect(toUnicode(vni).text).toBe(name);
      }),
      { numRuns: 1000 },
    );
  });
});
