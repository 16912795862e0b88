/** Personal names: normalisation, error codes, keys, and idempotence / never-throws properties. */
import fc from 'fast-check';
import { encodeTcvn3, encodeVni } from './legacy-encoding';
import { nameComparisonKey, nameSearchKey, namesEqual, normaliseName, type NormalisedName } from './name';

const ok = (input: unknown, opts?: { maxLength?: number }): NormalisedName => {
  const r = normaliseName(input, opts);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to be valid, got ${r.code}`);
  return r.value;
};

describe('normaliseName: values', () => {
  test('an already normal name is unchanged', () => {
    expect(normaliseName('Đặng Thùy Dương')).toEqual({
      ok: true,
      value: { value: 'Đặng Thùy Dương', searchKey: 'dang thuy duong', encoding: 'unicode', changed: false },
    });
  });

  test('NFD becomes NFC', () => {
    const r = ok('Nguyễn Văn Hòa'.normalize('NFD'));
    expect(r.value).toBe('Nguyễn Văn Hòa');
    expect(r.value).toBe(r.value.normalize('NFC'));
    expect(r.changed).toBe(true);
  });

  test.each([
    ['  Trần \t Thị\n\nThu   Hà  ', 'Trần Thị Thu Hà'],
    ['Trần\u00a0Thị\u2003Thu\u3000Hà', 'Trần Thị Thu Hà'],
    ['\ufeffTrần Thị\u200b Thu\u200d Hà\u2060', 'Trần Thị Thu Hà'],
    ['Ng\u200buyễn', 'Nguyễn'],
    ['Nguy\u00adễn Văn', 'Nguyễn Văn'],
    ['O’Neil', "O'Neil"],
    ['H‘Hen Niê', "H'Hen Niê"],
    ['Mary\u2011Jane', 'Mary-Jane'],
  ])('whitespace, zero-width characters, apostrophes: %j', (input, value) => {
    expect(ok(input).value).toBe(value);
  });

  test.each([
    'nguyễn văn an',
    'NGUYỄN VĂN AN',
    'nGuYễN',
    'Lý Thị Quý',
    'Lí Thị Quí',
    'Hoà Thuỷ Khoẻ',
    'Hòa Thủy Khỏe',
    'Thúy Thuý Thùy Thuỳ',
  ])('never changes case, i/y or tone placement: %s', (name) => {
    expect(ok(name)).toEqual({
      value: name,
      searchKey: nameSearchKey(name),
      encoding: 'unicode',
      changed: false,
    });
  });

  test.each([
    "H'Hen Niê",
    'Y Bih Niê',
    'Kpă Y Lan',
    "John O'Neil",
    'J. R. R. Tolkien',
    'Müller-Lüdenscheidt',
    'Иван Петров',
    '李小龍',
    'محمد بن سلمان',
    'Ông Ích Khiêm',
    'ÂU DƯƠNG PHONG',
  ])('letters of any script with spaces, hyphens, apostrophes, periods: %s', (name) => {
    expect(ok(name).value).toBe(name);
  });

  // Issue #11.
  test.each([
    ['Lê\u200bVăn Tám', 'Lê Văn Tám'],
    ['NGUYỄN\u200bVĂN', 'NGUYỄN VĂN'],
    ['Lê\u200bvăn', 'Lê văn'],
    ['Ng\u200buyễn', 'Nguyễn'],
  ])('a zero-width space is a word break between words, nothing inside one: %j → %s', (input, value) => {
    const r = ok(input);
    expect(r.value).toBe(value);
    expect(r.searchKey).toBe(nameSearchKey(value));
  });

  test.each([
    ['Ðặng Thùy Dương', 'Đặng Thùy Dương', 'dang thuy duong'],
    ['ÐINH VĂN ÐỨC', 'ĐINH VĂN ĐỨC', 'dinh van duc'],
    ['ðặng', 'đặng', 'dang'],
    ['Guðrún Ólafsdóttir', 'Guðrún Ólafsdóttir', 'guðrun olafsdottir'],
  ])(
    'Ð and ð (CP1258 read as Latin-1) are Đ and đ in a Vietnamese syllable: %j → %s',
    (input, value, key) => {
      const r = ok(input);
      expect([r.value, r.searchKey]).toEqual([value, key]);
    },
  );

  test.each([
    ['Nguyễn V\u0430n A', 'U+0430'], // Cyrillic а
    ['Nguy\u0435̃n Văn', 'U+0435'], // Cyrillic е
    ['Tr\u03bfng Văn', 'U+03BF'], // Greek ο
    ['Иван Văn Nam Nguyễn', 'И в а н'],
  ])('mixed-script look-alikes are refused, naming the odd letters: %j', (input, chars) => {
    expect(normaliseName(input)).toMatchObject({ ok: false, code: 'NAME_CHARACTERS' });
    const r = normaliseName(input);
    if (!r.ok && chars.startsWith('U+')) expect(r.context).toEqual({ chars });
  });

  test.each(['Иван Петров', '山田 太郎', '山田 たろう', 'Kim 김민준', 'Lý 李', 'Νίκος'])(
    'one script, or scripts written together, are accepted: %j',
    (input) => {
      expect(normaliseName(input).ok).toBe(true);
    },
  );

  test.each([
    ['Nguyễ\u0301n', 'U+0301'],
    ['Nguye\u0302\u0303\u0301n', 'U+0301'],
    ['Vă\u0306n', 'U+0306'],
  ])('a second tone or vowel mark on a letter is refused: %j', (input, chars) => {
    expect(normaliseName(input)).toEqual({ ok: false, code: 'NAME_CHARACTERS', context: { chars } });
  });

  test('combining marks of other scripts stay with their letters', () => {
    expect(ok('देवनागरी').value).toBe('देवनागरी');
    expect(ok('Zoë'.normalize('NFD')).value).toBe('Zoë');
  });

  test.each([
    ['NguyÔn V¨n Hßa', 'Nguyễn Văn Hòa', 'tcvn3'],
    ['§Æng Thïy D\u00ad¬ng', 'Đặng Thùy Dương', 'tcvn3'],
    ['Ph¹m Ngäc ¸nh', 'Phạm Ngọc Ánh', 'tcvn3'],
    ['  TrÇn\u00a0ThÞ Thu Hµ ', 'Trần Thị Thu Hà', 'tcvn3'],
    ['Nguyeãn Vaên Hoøa', 'Nguyễn Văn Hòa', 'vni'],
    ['Ñaëng Thuøy Döông', 'Đặng Thùy Dương', 'vni'],
    ['AÂU DÖÔNG PHONG', 'ÂU DƯƠNG PHONG', 'vni'],
    ['H’Hen Nieâ', "H'Hen Niê", 'vni'],
  ])('legacy %s → %s (%s)', (input, value, encoding) => {
    expect(ok(input)).toEqual({ value, searchKey: nameSearchKey(value), encoding, changed: true });
  });
});

describe('normaliseName: errors', () => {
  test.each([123, null, undefined, {}, ['Nguyễn'], true, Symbol('x'), 10n, () => 'Nguyễn'])(
    'not a string: %p',
    (input) => {
      expect(normaliseName(input)).toEqual({
        ok: false,
        code: 'FIELD_TYPE',
        context: { expected: 'string' },
      });
    },
  );

  test.each(['', '   ', '\t\n', '\u00a0\u200b\ufeff', '\u00ad'])('empty: %j', (input) => {
    expect(normaliseName(input)).toEqual({ ok: false, code: 'NAME_EMPTY' });
  });

  test.each(['-', "'", '. - .'])('no letter at all: %j', (input) => {
    expect(normaliseName(input)).toEqual({ ok: false, code: 'NAME_EMPTY' });
  });

  test.each([
    ['Nguyễn Văn 2', '2'],
    ['Trần Thị B1', '1'],
    ['A@B#C@', '@ #'],
    ['Lê, Văn', ','],
    ['Hà 😀', '😀'],
    ['Hà\u0007Nội', 'U+0007'],
    ['Hà \u0301Nội', 'U+0301'],
    ['Hà\ud800', 'U+D800'],
    ['Bùi Phái ©', '©'],
    ['Nguyễn_Văn', '_'],
  ])('characters: %j → %j', (input, chars) => {
    expect(normaliseName(input)).toEqual({ ok: false, code: 'NAME_CHARACTERS', context: { chars } });
  });

  test('legacy text mixing TCVN3 and VNI words is refused, not stored half converted', () => {
    expect(normaliseName('Hßa Leâ Haø Hoøa')).toEqual({
      ok: false,
      code: 'NAME_CHARACTERS',
      context: { chars: 'ß ø' },
    });
    expect(normaliseName('Thïy Hßa Traµn Bïi Thu')).toEqual({
      ok: false,
      code: 'NAME_CHARACTERS',
      context: { chars: 'ï ß µ' },
    });
  });

  test('at most 100 characters by default, counted in code points', () => {
    expect(ok('a'.repeat(100)).value).toHaveLength(100);
    expect(normaliseName('a'.repeat(101))).toEqual({
      ok: false,
      code: 'FIELD_TOO_LONG',
      context: { limit: 100 },
    });
    expect(ok('𠀀'.repeat(100)).value).toHaveLength(200);
    expect(normaliseName('𠀀'.repeat(101))).toEqual({
      ok: false,
      code: 'FIELD_TOO_LONG',
      context: { limit: 100 },
    });
    expect(ok(`${' '.repeat(500)}An${' '.repeat(200)}`).value).toBe('An');
  });

  test('maxLength option', () => {
    expect(normaliseName('Nguyễn Văn An', { maxLength: 10 })).toEqual({
      ok: false,
      code: 'FIELD_TOO_LONG',
      context: { limit: 10 },
    });
    expect(ok('Nguyễn Văn An', { maxLength: 13 }).value).toBe('Nguyễn Văn An');
    for (const maxLength of [0, -1, 1.5, NaN])
      expect(ok('a'.repeat(100), { maxLength }).value).toHaveLength(100);
  });

  test('huge input is refused before normalising', () => {
    expect(normaliseName(' '.repeat(1_000_000) + 'An')).toEqual({
      ok: false,
      code: 'FIELD_TOO_LONG',
      context: { limit: 100 },
    });
  });
});

describe('nameSearchKey', () => {
  test.each([
    ['Đặng Thùy Dương', 'dang thuy duong'],
    ['ĐẶNG  THÙY\tDƯƠNG', 'dang thuy duong'],
    ['Nguyễn Văn Hòa'.normalize('NFD'), 'nguyen van hoa'],
    ['Hoà', 'hoa'],
    ['Ông Ích Khiêm', 'ong ich khiem'],
    ['O’Neil', "o'neil"],
    ['Müller', 'muller'],
    ['İlkay', 'ilkay'],
  ])('%j → %j', (input, key) => {
    expect(nameSearchKey(input)).toBe(key);
  });

  test('not a string', () => {
    expect(nameSearchKey(42 as unknown as string)).toBe('');
  });
});

describe('nameComparisonKey / namesEqual', () => {
  test.each([
    ['Hoà', 'Hòa'],
    ['Thuỷ', 'Thủy'],
    ['khoẻ', 'khỏe'],
    ['Nguyễn Văn Hoà', 'NGUYỄN VĂN HÒA'],
    ['Nguyễn Văn Hòa', 'Nguyễn Văn Hòa'.normalize('NFD')],
    ['Lê  Thị  Thuý', 'Lê Thị Thúy'],
    ['Hoà Bình', 'hòa bình'],
    ["O'Neil", 'O’Neil'],
  ])('equal: %s = %s', (a, b) => {
    expect(namesEqual(a, b)).toBe(true);
    expect(nameComparisonKey(a)).toBe(nameComparisonKey(b));
  });

  test.each([
    ['Hà', 'Hạ'],
    ['Hà', 'Ha'],
    ['Hạ', 'Ha'],
    ['Tơ', 'Tô'],
    ['Tơ', 'To'],
    ['Đào', 'Dào'],
    ['Ân', 'Ăn'],
    ['Lý', 'Lí'],
    ['Hòa', 'Hóa'],
    ['Nguyễn Văn An', 'Nguyễn An'],
    ['Peña', 'Penã'],
  ])('different: %s ≠ %s', (a, b) => {
    expect(namesEqual(a, b)).toBe(false);
  });

  test('keys', () => {
    expect(nameComparisonKey('Hoà Bình')).toBe('hoa:2 binh:2');
    expect(nameComparisonKey('Đặng Thùy Dương')).toBe('đăng:5 thuy:2 dương');
    expect(nameComparisonKey('Thérèse')).toBe('thérèse');
  });

  test('not strings', () => {
    expect(namesEqual('An', 1 as unknown as string)).toBe(false);
    expect(nameComparisonKey(null as unknown as string)).toBe('');
  });
});

describe('properties', () => {
  const VIET = 'Đđăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ';
  const NAMES = [
    'Nguyễn Văn Hòa',
    'Đặng Thùy Dương',
    'Phạm Ngọc Ánh',
    'ÂU DƯƠNG PHONG',
    "H'Hen Niê",
    'Bùi Xuân Phái',
  ];
  const unit = fc.oneof(
    fc.constantFrom(..."aeiouyAEIOUY nhgtĐ-.'’‘ʼ\u2010\u00ad\u00a0\t\u200b\ufeff0@"),
    fc.constantFrom(...VIET, ...VIET.normalize('NFD')),
    fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u031b'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const mixed = fc.string({ unit, maxLength: 40 });
  const legacyName = fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(encodeTcvn3, encodeVni), fc.boolean())
    .map(([name, encode, nfd]) => (nfd ? name.normalize('NFD') : encode(name)));
  /** Words of legacy names, Latin-1 letters and Vietnamese letters, joined by spaces and invisible noise. */
  const legacyWords = NAMES.flatMap((n) => [...encodeTcvn3(n).split(' '), ...encodeVni(n).split(' ')]);
  const latin1Letter = fc.integer({ min: 0xa1, max: 0xff }).map((c) => String.fromCharCode(c));
  const piece = fc.oneof(
    fc.constantFrom(...legacyWords),
    fc.string({
      unit: fc.oneof(latin1Letter, fc.constantFrom(...'aeiouynhgtĐ', ...VIET)),
      minLength: 1,
      maxLength: 6,
    }),
  );
  const separator = fc.constantFrom(' ', '  ', '\u00a0', '\u00ad', '\u200b', "'", '’', '-', '\t', '');
  const nameish = fc
    .array(fc.tuple(piece, separator), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.map(([w, sep]) => w + sep).join(''))
    .chain((s) => fc.constantFrom(s, s.normalize('NFD')));

  test('idempotent: a valid value normalises to itself, unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, legacyName, nameish), (input) => {
        const first = normaliseName(input);
        if (!first.ok) return;
        const again = normaliseName(first.value.value);
        expect(again).toEqual({ ok: true, value: { ...first.value, encoding: 'unicode', changed: false } });
        expect(first.value.searchKey).toBe(nameSearchKey(first.value.value));
      }),
      { numRuns: 5000 },
    );
  });

  test('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (input, opts) => {
        const r = normaliseName(input, opts as { maxLength?: number });
        expect(typeof r.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        expect(typeof normaliseName(input).ok).toBe('boolean');
      }),
    );
  });

  test('namesEqual ignores NFD, case and tone placement, and nothing else', () => {
    const oldStyle = (s: string) =>
      s
        .normalize('NFD')
        .replace(/([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?![\p{L}])/gu, '$1$3$2')
        .normalize('NFC');
    fc.assert(
      fc.property(fc.constantFrom(...NAMES, 'Lê Thị Thủy', 'Hòa Khỏe', 'Quỳnh Hoà'), (name) => {
        expect(namesEqual(name, name.normalize('NFD').toUpperCase())).toBe(true);
        expect(namesEqual(name, oldStyle(name))).toBe(true);
        expect(namesEqual(name, nameSearchKey(name))).toBe(nameSearchKey(name) === name.toLowerCase());
      }),
    );
  });
});
