/**
 * Static data for the synthetic population (population/): Vietnamese names with rough frequencies, street,
 * hamlet and facility names, occupations, phone prefixes and household-business kinds.
 *
 * Everything here is plausible, not authoritative: names are real names in real use, streets exist in the city
 * they are listed under (not checked against the commune they end up in), and facility codes are synthetic.
 * All strings are NFC. Weights are relative, not percentages.
 */

export type Weighted<T> = readonly (readonly [T, number])[];
export type Region = 'north' | 'central' | 'south';
export type Ethnicity = 'Kinh' | 'Tày' | 'Ê Đê' | 'Mông' | 'Hoa';
export type Era = 'old' | 'mid' | 'new';

/** Family names, frequencies after the commonly cited survey (Nguyễn ~38%, Trần ~12%, Lê ~9.5%…). */
// prettier-ignore
export const FAMILY_NAMES: Weighted<string> = [
  ['Nguyễn', 384], ['Trần', 121], ['Lê', 95], ['Phạm', 70], ['Hoàng', 51], ['Phan', 45], ['Vũ', 39],
  ['Đặng', 21], ['Bùi', 20], ['Đỗ', 14], ['Hồ', 13], ['Ngô', 13], ['Dương', 10], ['Lý', 5], ['Đinh', 6],
  ['Trương', 5], ['Đào', 4], ['Mai', 4], ['Trịnh', 4], ['Lâm', 3], ['Cao', 3], ['Lương', 3], ['Tạ', 2],
  ['Hà', 3], ['Tô', 2], ['Châu', 2], ['Thái', 1], ['Quách', 1], ['La', 1],
];

/** The same family name, spelled the southern way (Hoàng → Huỳnh, Vũ → Võ). Share by region: see population/. */
export const SOUTHERN_FAMILY: Readonly<Record<string, string>> = { Hoàng: 'Huỳnh', Vũ: 'Võ' };

/** Middle names by sex and era (born before 1975, 1975–1999, 2000 on). */
// prettier-ignore
export const MIDDLE_NAMES: Readonly<Record<'male' | 'female', Record<Era, Weighted<string>>>> = {
  male: {
    old: [
      ['Văn', 60], ['Đức', 8], ['Hữu', 8], ['Đình', 6], ['Xuân', 5], ['Quang', 5], ['Công', 4], ['Minh', 4],
      ['Bá', 2],
    ],
    mid: [
      ['Văn', 35], ['Đức', 10], ['Minh', 10], ['Quốc', 8], ['Hữu', 6], ['Thành', 6], ['Anh', 5], ['Xuân', 4],
      ['Hoàng', 4], ['Mạnh', 4], ['Trọng', 4], ['Tiến', 3],
    ],
    new: [
      ['Minh', 20], ['Gia', 12], ['Đức', 12], ['Văn', 10], ['Quốc', 8], ['Hoàng', 8], ['Bảo', 8], ['Anh', 6],
      ['Thành', 6], ['Đăng', 5], ['Nhật', 5],
    ],
  },
  female: {
    old: [['Thị', 80], ['Ngọc', 5], ['Thu', 5], ['Kim', 4], ['Thanh', 3], ['Xuân', 3]],
    mid: [
      ['Thị', 45], ['Ngọc', 10], ['Thu', 8], ['Thanh', 8], ['Phương', 6], ['Hồng', 5], ['Minh', 5],
      ['Kim', 4], ['Mỹ', 4], ['Thùy', 4], ['Hải', 3],
    ],
    new: [
      ['Ngọc', 14], ['Minh', 10], ['Bảo', 10], ['Khánh', 10], ['Thị', 10], ['Phương', 8], ['Thanh', 6],
      ['Gia', 6], ['Thùy', 6], ['Hà', 5], ['An', 5], ['Diệu', 4],
    ],
  },
};

/** A second middle syllable some women carry after the first ('Nguyễn Thị Thu Hà', 'Trần Ngọc Bảo Anh'). */
export const FEMALE_SECOND_MIDDLE: readonly string[] = ['Thu', 'Ngọc', 'Bảo', 'Minh', 'Thanh', 'Hồng', 'Mai'];

/** Given names by sex and era. */
// prettier-ignore
export const GIVEN_NAMES: Readonly<Record<'male' | 'female', Record<Era, readonly string[]>>> = {
  male: {
    old: [
      'Hùng', 'Dũng', 'Sơn', 'Hải', 'Thắng', 'Chiến', 'Lợi', 'Bình', 'Hòa', 'Tâm', 'Thành', 'Tuấn', 'Quang',
      'Hồng', 'Lâm', 'Tư', 'Tám', 'Phúc', 'Thịnh', 'Cường', 'Vinh', 'Đông', 'Hưng', 'Toàn', 'Thanh', 'Thụy',
    ],
    mid: [
      'Tuấn', 'Dũng', 'Hùng', 'Nam', 'Long', 'Cường', 'Hải', 'Sơn', 'Minh', 'Trung', 'Hiếu', 'Huy', 'Quân',
      'Thành', 'Đức', 'Khánh', 'Phong', 'Tùng', 'Việt', 'Thắng', 'Hòa', 'Lâm', 'Kiên', 'Hoàng', 'Tú', 'Anh',
      'Bình', 'Toàn', 'Tài', 'Lộc',
    ],
    new: [
      'Minh', 'Khôi', 'Huy', 'Phúc', 'An', 'Bảo', 'Khang', 'Nam', 'Duy', 'Khoa', 'Đạt', 'Quân', 'Lâm', 'Hiếu',
      'Phát', 'Thịnh', 'Nhật', 'Kiệt', 'Vinh', 'Long', 'Anh', 'Hưng', 'Tín', 'Phong', 'Hòa',
    ],
  },
  female: {
    old: [
      'Lan', 'Hương', 'Hoa', 'Mai', 'Hồng', 'Nga', 'Hạnh', 'Cúc', 'Loan', 'Thủy', 'Xuân', 'Tuyết', 'Liên',
      'Vân', 'Nhung', 'Bích', 'Thu', 'Yến', 'Tâm', 'Hòa', 'Sen', 'Đào', 'Dung', 'Oanh', 'Huệ', 'Hòe',
    ],
    mid: [
      'Hương', 'Trang', 'Linh', 'Hà', 'Thảo', 'Ngọc', 'Huyền', 'Phương', 'Hằng', 'Yến', 'Nhung', 'Dung',
      'Hạnh', 'Thủy', 'Thúy', 'Vân', 'Giang', 'Anh', 'Quỳnh', 'Oanh', 'Hiền', 'Lan', 'Mai', 'Loan', 'Hoa',
      'Nga', 'Thư', 'Nhàn', 'Hòa',
    ],
    new: [
      'Anh', 'Linh', 'Vy', 'Chi', 'My', 'Ngân', 'Nhi', 'Trâm', 'Uyên', 'Thư', 'Hân', 'Châu', 'Hà', 'Trang',
      'Ngọc', 'An', 'Khuê', 'Quỳnh', 'Diệp', 'Tâm', 'Thảo', 'Nhiên', 'Ánh', 'Thùy',
    ],
  },
};

/**
 * New-style tone placement (on the main vowel: Hòa, Thủy) → old style (on the last vowel: Hoà, Thuỷ). Both are
 * in use, both are NFC, and they are different strings: search has to compare them on a canonical position.
 */
export const OLD_TONE_PLACEMENT: Readonly<Record<string, string>> = {
  Hòa: 'Hoà',
  Hòe: 'Hoè',
  Thủy: 'Thuỷ',
  Thúy: 'Thuý',
  Thùy: 'Thuỳ',
  Thụy: 'Thuỵ',
};

/** Ethnic minorities. Ê Đê names put the clan name last and a sex marker first (Y for men, H' for women). */
// prettier-ignore
export const EDE = {
  clans: ['Niê', 'Mlô', 'Êban', 'Byă', 'Adrơng', 'Hwing', 'Ksơr', 'Ayŭn', 'Êya', 'Kbuôr'],
  male: [
    'Moan', 'Bhin', 'Tlam', 'Jut', 'Phôn', 'Blir', 'Kông', 'Nuh', 'Wang', 'Đhăm', 'Yơn', 'Sinh', 'Ngông',
  ],
  female: ['Hen', 'Nhi', 'Rin', 'Blưn', 'Ni', 'Wen', 'Yam', 'Ngơn', 'Zi', 'Lim', 'Juê', 'Mai'],
} as const;

/** Mông (H'Mông, Hmông): clan name first, a middle syllable (A, Seo, Mí for men; Thị for women). */
// prettier-ignore
export const MONG = {
  clans: ['Giàng', 'Vàng', 'Sùng', 'Thào', 'Lý', 'Hạng', 'Mùa', 'Lầu', 'Vừ', 'Sình', 'Hầu', 'Cứ'],
  maleMiddle: [['A', 5], ['Seo', 3], ['Mí', 2], ['Văn', 2]] as Weighted<string>,
  male: [
    'Páo', 'Chứ', 'Sính', 'Lử', 'Cáng', 'Pháy', 'Chá', 'Dìa', 'Tủa', 'Sử', 'Sang', 'Chư', 'Dình', 'Pó', 'Nủ',
  ],
  female: ['Mỷ', 'Dợ', 'Chở', 'Dua', 'Say', 'Pà', 'Súa', 'Cở', 'Mai', 'Sua', 'Xá', 'Dế', 'Mua', 'Sểnh'],
} as const;

/** Tày family names; given and middle names follow the Kinh lists. */
// prettier-ignore
export const TAY_FAMILIES: readonly string[] = [
  'Nông', 'Hoàng', 'Lục', 'Đàm', 'Bế', 'Ma', 'Hà', 'Lưu', 'Triệu', 'Hứa', 'Lương', 'Chu', 'Nguyễn', 'Lý',
];

/** Hoa (ethnic Chinese, mostly TP.HCM): Sino-Vietnamese names. */
// prettier-ignore
export const HOA = {
  families: ['Lâm', 'Quách', 'Lý', 'Trương', 'Hứa', 'Mạc', 'Tăng', 'Diệp', 'Tạ', 'Châu', 'La', 'Lưu'],
  maleMiddle: ['Gia', 'Quốc', 'Vĩnh', 'Thành', 'Kiến', 'Tuấn'],
  femaleMiddle: ['Huệ', 'Mỹ', 'Ngọc', 'Bội', 'Tú', 'Thục', 'Tuệ'],
  male: ['Phát', 'Vĩnh', 'Kiệt', 'Hào', 'Quang', 'Thông', 'Huy', 'Minh', 'Tài', 'Lộc'],
  female: ['Mẫn', 'Nghi', 'Linh', 'Huệ', 'Mỹ', 'Bội', 'Hân', 'Ngọc', 'Di', 'Phụng', 'Tuyết'],
} as const;

/** Religions as the population database names them; undefined means none. */
// prettier-ignore
export const RELIGIONS: Readonly<Record<'kinh' | 'kinhSouth' | 'mekong' | 'highlands', Weighted<string>>> = {
  kinh: [['', 82], ['Phật giáo', 10], ['Công giáo', 8]],
  kinhSouth: [['', 70], ['Phật giáo', 15], ['Công giáo', 11], ['Cao Đài', 3], ['Tin lành', 1]],
  mekong: [['', 62], ['Phật giáo', 15], ['Phật giáo Hòa Hảo', 12], ['Công giáo', 6], ['Cao Đài', 5]],
  highlands: [['', 45], ['Tin lành', 40], ['Công giáo', 15]],
};

/** Streets that exist in each city (wards only). */
// prettier-ignore
export const STREETS: Readonly<Record<string, readonly string[]>> = {
  '01': [
    'Phố Hàng Bông', 'Phố Huế', 'Phố Bà Triệu', 'Phố Kim Mã', 'Đường Láng', 'Phố Đội Cấn', 'Đường Giải Phóng',
    'Phố Chùa Bộc', 'Đường Nguyễn Trãi', 'Phố Tôn Đức Thắng', 'Đường Hoàng Quốc Việt', 'Phố Xã Đàn',
    'Đường Trường Chinh', 'Phố Thái Hà', 'Đường Cầu Giấy', 'Phố Lò Đúc', 'Phố Hàng Bạc', 'Đường Minh Khai',
    'Phố Nguyễn Chí Thanh', 'Đường Lạc Long Quân', 'Phố Bạch Mai', 'Đường Nguyễn Văn Cừ', 'Phố Quang Trung',
  ],
  '31': [
    'Đường Lạch Tray', 'Đường Lê Hồng Phong', 'Đường Trần Nguyên Hãn', 'Phố Điện Biên Phủ', 'Đường Tô Hiệu',
    'Đường Lê Lợi', 'Đường Văn Cao', 'Phố Cầu Đất', 'Đường Nguyễn Lương Bằng', 'Đường Trần Hưng Đạo',
    'Đường Lê Thánh Tông', 'Đường Thiên Lôi', 'Đường Hai Bà Trưng',
  ],
  '48': [
    'Đường Bạch Đằng', 'Đường Trần Phú', 'Đường Lê Duẩn', 'Đường Nguyễn Văn Linh', 'Đường Hùng Vương',
    'Đường Ông Ích Khiêm', 'Đường Điện Biên Phủ', 'Đường Nguyễn Tri Phương', 'Đường Hoàng Diệu',
    'Đường Tôn Đức Thắng', 'Đường Ngô Quyền', 'Đường Phan Châu Trinh', 'Đường Nguyễn Tất Thành',
  ],
  '79': [
    'Đường Nguyễn Trãi', 'Đường Lê Lợi', 'Đường Cách Mạng Tháng Tám', 'Đường Võ Văn Tần',
    'Đường Nguyễn Đình Chiểu', 'Đường Điện Biên Phủ', 'Đường Lý Thường Kiệt', 'Đường Phan Xích Long',
    'Đường Lê Văn Sỹ', 'Đường Hoàng Văn Thụ', 'Đường Nguyễn Văn Cừ', 'Đường Phạm Văn Đồng',
    'Đường Quang Trung', 'Đường Lê Đức Thọ', 'Đường Huỳnh Tấn Phát', 'Đường Nguyễn Thị Thập',
    'Đường Kha Vạn Cân', 'Đại lộ Bình Dương', 'Đường 30 Tháng 4', 'Đường Trần Hưng Đạo', 'Đường 3 Tháng 2',
    'Đường Lũy Bán Bích',
  ],
  '92': [
    'Đường 30 Tháng 4', 'Đường Trần Hưng Đạo', 'Đường Nguyễn Văn Cừ', 'Đường Mậu Thân', 'Đường 3 Tháng 2',
    'Đường Hòa Bình', 'Đường Nguyễn Trãi', 'Đường Trần Văn Khéo', 'Đường Cách Mạng Tháng Tám',
    'Đường Lý Tự Trọng', 'Đường Võ Văn Kiệt',
  ],
};

/** Streets found in most provincial towns. */
// prettier-ignore
export const COMMON_STREETS: readonly string[] = [
  'Đường Hùng Vương', 'Đường Lê Lợi', 'Đường Trần Hưng Đạo', 'Đường Nguyễn Huệ', 'Đường Quang Trung',
  'Đường Hai Bà Trưng', 'Đường Lý Thường Kiệt', 'Đường Phan Đình Phùng', 'Đường Nguyễn Trãi', 'Đường Lê Duẩn',
  'Đường Ngô Quyền', 'Đường Trần Phú',
];

/** Hamlets (thôn, xóm, ấp, buôn, bản) by region or ethnic group, for rural communes. */
// prettier-ignore
export const HAMLETS: Readonly<Record<Region | 'Ê Đê' | 'Mông' | 'Tày', readonly string[]>> = {
  north: [
    'Thôn Đông', 'Thôn Đoài', 'Thôn Trung', 'Thôn Thượng', 'Thôn Hạ', 'Thôn Đình', 'Xóm Chùa', 'Xóm Mới',
    'Thôn 1', 'Thôn 3', 'Thôn An Thái', 'Thôn Phú Mỹ',
  ],
  central: [
    'Thôn Phước Hậu', 'Thôn Tây An', 'Thôn An Trạch', 'Thôn Quá Giáng', 'Thôn Bồ Bản', 'Thôn Nam Yên',
    'Thôn Trung Nghĩa', 'Thôn 2',
  ],
  south: [
    'Ấp 1', 'Ấp 2', 'Ấp 4', 'Ấp Mỹ Hòa', 'Ấp Tân Thạnh', 'Ấp Bình Trung', 'Ấp Long Hòa', 'Ấp Phước Lợi',
    'Ấp Thới Bình', 'Ấp Nhơn Lộc',
  ],
  'Ê Đê': [
    'Buôn Ko Tam', 'Buôn Kmrơng Prông', 'Buôn Akô Dhông', 'Buôn Ea Bông', 'Buôn Cuôr Knia', 'Buôn Tơng Jú',
  ],
  Mông: ['Thôn Sín Chải', 'Thôn Lao Chải', 'Thôn Cát Cát', 'Thôn Hầu Thào', 'Bản Phìn Hồ', 'Thôn Tả Van'],
  Tày: ['Xóm Nà Pàn', 'Xóm Bản Giới', 'Xóm Nà Mấn', 'Xóm Pác Bó', 'Xóm Nà Vường', 'Xóm Khuổi Nặm'],
};

/** Field names for farmland parcels (xứ đồng), prefixed to the hamlet in the address. */
export const FIELDS: readonly string[] = [
  'Xứ đồng Cửa Đình',
  'Xứ đồng Bãi Trên',
  'Xứ đồng Cầu Đá',
  'Xứ đồng Gò Cao',
  'Xứ đồng Mả Vối',
  'Khu đồng Bàu Sen',
];

/** Occupations of working-age adults, urban and rural. */
export const OCCUPATIONS: Readonly<Record<'urban' | 'rural', Weighted<string>>> = {
  urban: [
    ['Nhân viên văn phòng', 14],
    ['Công nhân', 12],
    ['Kinh doanh tự do', 12],
    ['Lao động tự do', 8],
    ['Giáo viên', 6],
    ['Kỹ sư', 6],
    ['Kế toán', 5],
    ['Công chức', 5],
    ['Nội trợ', 5],
    ['Lái xe', 4],
    ['Điều dưỡng', 3],
    ['Thợ xây', 3],
    ['Lập trình viên', 3],
    ['Bác sĩ', 2],
    ['Thợ may', 2],
  ],
  rural: [
    ['Nông dân', 35],
    ['Công nhân', 15],
    ['Lao động tự do', 12],
    ['Buôn bán', 8],
    ['Nội trợ', 6],
    ['Thợ xây', 5],
    ['Giáo viên', 4],
    ['Công chức', 3],
  ],
};

/** Employees of enterprises (health-insurance group DN) and of the state (group HC: cadres, civil servants, public employees). */
export const DN_OCCUPATIONS: ReadonlySet<string> = new Set([
  'Nhân viên văn phòng',
  'Công nhân',
  'Kỹ sư',
  'Kế toán',
  'Lập trình viên',
  'Lái xe',
  'Điều dưỡng',
]);
export const HC_OCCUPATIONS: ReadonlySet<string> = new Set(['Giáo viên', 'Công chức', 'Bác sĩ']);

/** Hospitals by current province: a maternity hospital (births) and general hospitals (primary care). */
export const HOSPITALS: Readonly<Record<string, { maternity: string; general: readonly string[] }>> = {
  '01': {
    maternity: 'Bệnh viện Phụ sản Hà Nội',
    general: ['Bệnh viện Đa khoa Xanh Pôn', 'Bệnh viện Thanh Nhàn', 'Bệnh viện Đa khoa Đống Đa'],
  },
  '79': {
    maternity: 'Bệnh viện Từ Dũ',
    general: ['Bệnh viện Nhân dân Gia Định', 'Bệnh viện Nguyễn Trãi', 'Bệnh viện Nhân dân 115'],
  },
  '48': {
    maternity: 'Bệnh viện Phụ sản - Nhi Đà Nẵng',
    general: ['Bệnh viện Đà Nẵng', 'Bệnh viện C Đà Nẵng'],
  },
  '31': {
    maternity: 'Bệnh viện Phụ sản Hải Phòng',
    general: ['Bệnh viện Hữu nghị Việt Tiệp', 'Bệnh viện Kiến An'],
  },
  '92': {
    maternity: 'Bệnh viện Phụ sản Thành phố Cần Thơ',
    general: ['Bệnh viện Đa khoa Thành phố Cần Thơ', 'Bệnh viện Đa khoa Trung ương Cần Thơ'],
  },
};

/**
 * Old provinces (2-digit GSO code, 63-province list) that people living in a current province were often born
 * in: migrants keep that prefix in their personal ID for life.
 */
// prettier-ignore
export const MIGRANT_ORIGINS: Readonly<Record<string, Weighted<string>>> = {
  '01': [
    ['36', 5], ['34', 5], ['38', 5], ['40', 4], ['42', 3], ['30', 3], ['33', 3], ['35', 2], ['37', 2],
    ['26', 2], ['27', 2], ['24', 2], ['25', 2], ['22', 1], ['79', 1],
  ],
  '31': [['30', 5], ['34', 4], ['22', 3], ['36', 2], ['33', 2], ['01', 1]],
  '48': [['49', 6], ['46', 3], ['51', 3], ['45', 2], ['44', 2], ['52', 1], ['01', 1], ['79', 1]],
  '79': [
    ['74', 4], ['75', 4], ['77', 3], ['80', 3], ['82', 3], ['83', 2], ['87', 2], ['89', 2], ['91', 2],
    ['94', 2], ['96', 2], ['52', 2], ['51', 2], ['40', 3], ['38', 2], ['01', 2], ['49', 1], ['54', 1],
  ],
  '92': [['93', 4], ['94', 4], ['86', 3], ['87', 2], ['89', 2], ['91', 2], ['79', 1]],
  other: [['01', 3], ['79', 2], ['38', 2], ['40', 2], ['36', 1], ['52', 1], ['64', 1], ['68', 1]],
};

/**
 * First two digits of a 9-digit CMND by the old province that issued it (the commonly cited table; unverified).
 * Keyed by the old 2-digit GSO province code.
 */
// prettier-ignore
export const CMND_PREFIX: Readonly<Record<string, string>> = {
  '01': '01', '02': '07', '04': '08', '06': '09', '08': '07', '10': '06', '11': '04', '12': '04', '14': '05',
  '15': '06', '17': '11', '19': '09', '20': '08', '22': '10', '24': '12', '25': '13', '26': '13', '27': '12',
  '30': '14', '31': '03', '33': '14', '34': '15', '35': '16', '36': '16', '37': '16', '38': '17', '40': '18',
  '42': '18', '44': '19', '45': '19', '46': '19', '48': '20', '49': '20', '51': '21', '52': '21', '54': '22',
  '56': '22', '58': '26', '60': '26', '62': '23', '64': '23', '66': '24', '67': '24', '68': '25', '70': '28',
  '72': '29', '74': '28', '75': '27', '77': '27', '79': '02', '80': '30', '82': '31', '83': '32', '84': '33',
  '86': '33', '87': '34', '89': '35', '91': '37', '92': '36', '93': '36', '94': '36', '95': '38', '96': '38',
};

/** Mobile prefixes (after the trunk 0) by rough market share: Viettel, Vinaphone, MobiFone, Vietnamobile, Gmobile. */
// prettier-ignore
export const MOBILE_PREFIXES: Weighted<string> = [
  ['86', 3], ['96', 6], ['97', 6], ['98', 6], ['32', 2], ['33', 2], ['34', 2], ['35', 2], ['36', 2],
  ['37', 2], ['38', 2], ['39', 2], ['88', 2], ['91', 5], ['94', 4], ['81', 1], ['82', 1], ['83', 1],
  ['84', 1], ['85', 1], ['89', 2], ['90', 5], ['93', 4], ['70', 1], ['76', 1], ['77', 1], ['78', 1],
  ['79', 1], ['92', 1], ['56', 1], ['58', 1], ['99', 1], ['59', 1],
];

/**
 * Third digits allocated under a two-digit mobile prefix that is only partly in use (libphonenumber's full
 * metadata: 089 is 0896–0899, 099 is 0990, 0991, 0993–0999); a drawn third digit d becomes allowed[d mod n].
 */
export const PARTIAL_MOBILE_PREFIX: Readonly<Record<string, string>> = { '89': '6789', '99': '013456789' };

/** The 2018 conversion in reverse: new prefix → the old 11-digit prefix (after the trunk 0). */
// prettier-ignore
export const OLD_MOBILE_PREFIX: Readonly<Record<string, string>> = {
  '32': '162', '33': '163', '34': '164', '35': '165', '36': '166', '37': '167', '38': '168', '39': '169',
  '56': '186', '58': '188', '59': '199', '70': '120', '76': '126', '77': '122', '78': '128', '79': '121',
  '81': '127', '82': '129', '83': '123', '84': '124', '85': '125',
};

export const EMAIL_DOMAINS: Weighted<string> = [
  ['gmail.com', 80],
  ['yahoo.com', 8],
  ['outlook.com', 6],
  ['icloud.com', 3],
  ['hotmail.com', 3],
];

/**
 * Household-business kinds: VSIC 2018 activity codes (Decision 27/2018/QĐ-TTg; hairdressing is 9631 in VSIC,
 * 9602 is the ISIC code) and shop-sign patterns, `{}` replaced by a given name.
 */
export const BUSINESS_KINDS: readonly {
  codes: readonly string[];
  signs: readonly string[];
  capital: [number, number];
}[] = [
  {
    codes: ['5610', '56101'],
    signs: ['Quán cơm {}', 'Phở {}', 'Bún chả {}', 'Quán ăn {}'],
    capital: [50, 500],
  },
  { codes: ['5630'], signs: ['Cà phê {}', 'Trà đá {}', 'Giải khát {}'], capital: [30, 300] },
  { codes: ['4711', '47110'], signs: ['Tạp hóa {}', 'Tạp hoá {}', 'Cửa hàng {}'], capital: [50, 800] },
  { codes: ['9631', '96310'], signs: ['Salon tóc {}', 'Tiệm tóc {}'], capital: [20, 200] },
  { codes: ['4542'], signs: ['Sửa xe {}'], capital: [20, 150] },
  { codes: ['1410', '14100'], signs: ['May đo {}'], capital: [20, 200] },
  { codes: ['4772'], signs: ['Nhà thuốc {}', 'Quầy thuốc {}'], capital: [100, 1000] },
  { codes: ['4741', '9512'], signs: ['Điện thoại {}'], capital: [100, 1500] },
  { codes: ['4722'], signs: ['Thực phẩm {}'], capital: [30, 300] },
  { codes: ['4771'], signs: ['Thời trang {}'], capital: [50, 600] },
  { codes: ['5510'], signs: ['Nhà nghỉ {}'], capital: [500, 3000] },
  { codes: ['1071'], signs: ['Bánh {}'], capital: [30, 300] },
];

/** Origins of use (nguồn gốc sử dụng) as printed on certificates. */
export const LAND_ORIGINS = {
  residential: [
    'Nhà nước giao đất có thu tiền sử dụng đất',
    'Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất',
    'Nhận chuyển nhượng đất được Nhà nước giao đất có thu tiền sử dụng đất',
    'Nhận thừa kế đất được Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất',
  ],
  agricultural: ['Nhà nước giao đất không thu tiền sử dụng đất'],
} as const;

/** Certificate serial series (two letters) by issue period: plausible series, not an official table. */
export const CERTIFICATE_SERIES: readonly (readonly [number, readonly string[]])[] = [
  [2009, ['AĐ', 'AH', 'AK', 'AM', 'AP']],
  [2014, ['BA', 'BB', 'BĐ', 'BH', 'BK', 'BS', 'BX']],
  [2019, ['CA', 'CĐ', 'CH', 'CK', 'CM', 'CS', 'CT', 'CX']],
  [2100, ['DA', 'DB', 'DĐ', 'DG', 'DH', 'DK']],
];

// ---------------------------------------------------------------------------------------------------------------
// Generator settings (population/)

export interface ProvinceConfig {
  /** current (post-reform) province code */
  code: string;
  weight: number;
  /** how many communes of the province the population lives in, and the share of wards among them */
  communes: number;
  wardShare: number;
  region: Region;
  /** an ethnic minority living in rural communes of these old provinces */
  minority?: { ethnicity: Ethnicity; share: number; heartland: readonly string[] };
}

/** Where households live: the five municipalities first, then a few provinces with ethnic minorities. */
// prettier-ignore
export const PROVINCES: readonly ProvinceConfig[] = [
  { code: '01', weight: 28, communes: 12, wardShare: 0.7, region: 'north' },
  { code: '79', weight: 29, communes: 14, wardShare: 0.75, region: 'south' },
  { code: '48', weight: 9, communes: 6, wardShare: 0.7, region: 'central' },
  { code: '31', weight: 9, communes: 6, wardShare: 0.6, region: 'north' },
  { code: '92', weight: 8, communes: 6, wardShare: 0.6, region: 'south' },
  { code: '66', weight: 5, communes: 4, wardShare: 0.25, region: 'central', minority: { ethnicity: 'Ê Đê', share: 0.6, heartland: ['66'] } },
  { code: '15', weight: 3, communes: 3, wardShare: 0.34, region: 'north', minority: { ethnicity: 'Mông', share: 0.55, heartland: ['10', '15'] } },
  { code: '04', weight: 3, communes: 3, wardShare: 0.34, region: 'north', minority: { ethnicity: 'Tày', share: 0.7, heartland: ['04'] } },
  { code: '40', weight: 3, communes: 3, wardShare: 0.5, region: 'north' },
  { code: '56', weight: 3, communes: 3, wardShare: 0.5, region: 'central' },
];

export type Kind =
  | 'young-couple'
  | 'family'
  | 'three-gen'
  | 'three-gen-elder-head'
  | 'elderly-couple'
  | 'single-elderly'
  | 'single'
  | 'single-parent';

/** Household compositions. 'three-gen': the adult child heads; 'three-gen-elder-head': the elderly parent does. */
// prettier-ignore
export const KINDS: Weighted<Kind> = [
  ['young-couple', 10], ['family', 38], ['three-gen', 12], ['three-gen-elder-head', 8], ['elderly-couple', 10],
  ['single-elderly', 8], ['single', 7], ['single-parent', 7],
];

/** Wife's birth year minus the husband's: mostly 0–5 years younger. */
// prettier-ignore
export const SPOUSE_GAP: Weighted<number> = [
  [-2, 2], [-1, 4], [0, 20], [1, 15], [2, 18], [3, 14], [4, 10], [5, 7], [6, 5], [7, 3], [8, 2],
];

/** Number of children by composition. */
// prettier-ignore
export const KID_COUNTS: Readonly<Record<'family' | 'grandchildren' | 'singleParent', Weighted<number>>> = {
  family: [[1, 35], [2, 45], [3, 20]],
  grandchildren: [[0, 10], [1, 35], [2, 40], [3, 15]],
  singleParent: [[1, 55], [2, 45]],
};

/** Which elderly parents live with their adult child. */
// prettier-ignore
export const ELDERS: Weighted<'both' | 'mother' | 'father'> = [['both', 50], ['mother', 35], ['father', 15]];

// prettier-ignore
export const EMPLOYEES: Weighted<number> = [[0, 30], [1, 25], [2, 20], [3, 12], [5, 8], [8, 5]];

/** Farmland use purposes: rice (LUC), perennial crops (CLN), annual crops (BHK). */
// prettier-ignore
export const FARMLAND: Readonly<Record<'south' | 'other', Weighted<'LUC' | 'CLN' | 'BHK'>>> = {
  south: [['LUC', 3], ['CLN', 5], ['BHK', 2]],
  other: [['LUC', 6], ['CLN', 2], ['BHK', 2]],
};

/** Residential land, million VND per m²: [ward min, ward max, rural min, rural max]; other provinces: DEFAULT_LAND_PRICE. */
export const LAND_PRICE: Readonly<Record<string, readonly [number, number, number, number]>> = {
  '01': [60, 250, 8, 40],
  '79': [60, 300, 10, 45],
  '48': [25, 90, 4, 15],
  '31': [20, 80, 4, 15],
  '92': [15, 60, 2, 8],
};
export const DEFAULT_LAND_PRICE = [8, 30, 0.5, 4] as const;

/** Benefit level (1–5) of each health-insurance group used here. */
export const CARD_LEVEL: Readonly<Record<string, number>> = {
  TE: 1,
  DT: 2,
  BT: 2,
  HT: 3,
  DN: 4,
  HC: 4,
  HS: 4,
  SV: 4,
  GD: 4,
};
