/**
 * What the simulated district one-stop system handles: its procedures (old code, name, processing unit, statutory
 * days, old online-service level, fee, documents asked for) and its units. The system is the one-stop desk of
 * the former Quận Hoàng Mai, Hà Nội (old district 008); its applicants live all over the city. Processing times
 * and fees are plausible but unverified (DOMAIN.md: keep them as data).
 */
import type { UnitOut } from '../mapping';

export const DOSSIER_PREFIX = '000.00.08.H26';
export const ONE_STOP_DESK: UnitOut = { code: 'BPMC', name: 'Bộ phận Một cửa quận Hoàng Mai' };

const UNITS = {
  PTCKH: { code: 'PTCKH', name: 'Phòng Tài chính - Kế hoạch' },
  PQLDT: { code: 'PQLDT', name: 'Phòng Quản lý đô thị' },
  VPDKDD: { code: 'VPDKDD', name: 'Chi nhánh Văn phòng đăng ký đất đai quận Hoàng Mai' },
  PTP: { code: 'PTP', name: 'Phòng Tư pháp' },
  PLDTBXH: { code: 'PLDTBXH', name: 'Phòng Lao động - Thương binh và Xã hội' },
} satisfies Record<string, UnitOut>;

export interface SimProcedure {
  legacyCode: string;
  name: string;
  unit: UnitOut;
  /** Statutory processing time, working days. */
  days: number;
  level: 2 | 3 | 4;
  /** Who applies: a citizen, or a household business (by its tax code). */
  applicant: 'citizen' | 'business';
  fee?: { name: string; amount: number; perPage?: boolean };
  /** The dossier waits for the applicant's financial obligation (land) before it is finished. */
  financial?: boolean;
  documents: { code: string; name: string }[];
  /** Relative frequency. */
  weight: number;
}

export const PROCEDURES: readonly SimProcedure[] = [
  {
    legacyCode: 'T-HNO-264512-TT',
    name: 'Đăng ký thành lập hộ kinh doanh',
    unit: UNITS.PTCKH,
    days: 3,
    level: 4,
    applicant: 'citizen',
    fee: { name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000 },
    documents: [
      { code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh' },
      { code: 'CCCD', name: 'Bản sao căn cước công dân của chủ hộ kinh doanh' },
    ],
    weight: 3,
  },
  {
    legacyCode: 'T-HNO-264513-TT',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    unit: UNITS.PTCKH,
    days: 3,
    level: 4,
    applicant: 'business',
    fee: { name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000 },
    documents: [
      { code: 'TB', name: 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh' },
      { code: 'GCN', name: 'Bản gốc giấy chứng nhận đăng ký hộ kinh doanh' },
    ],
    weight: 1,
  },
  {
    legacyCode: 'T-HNO-285871-TT',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    unit: UNITS.PQLDT,
    days: 15,
    level: 3,
    applicant: 'citizen',
    fee: { name: 'Lệ phí cấp giấy phép xây dựng', amount: 75_000 },
    documents: [
      { code: 'DDN', name: 'Đơn đề nghị cấp giấy phép xây dựng' },
      { code: 'BV', name: 'Bản vẽ thiết kế xây dựng' },
      { code: 'GCN', name: 'Bản sao giấy chứng nhận quyền sử dụng đất' },
    ],
    weight: 2,
  },
  {
    legacyCode: 'T-HNO-286034-TT',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    unit: UNITS.VPDKDD,
    days: 10,
    level: 3,
    applicant: 'citizen',
    fee: { name: 'Lệ phí cấp giấy chứng nhận', amount: 50_000 },
    financial: true,
    documents: [
      { code: 'DK', name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất' },
      { code: 'HD', name: 'Hợp đồng chuyển nhượng quyền sử dụng đất' },
      { code: 'GCN', name: 'Bản gốc giấy chứng nhận đã cấp' },
    ],
    weight: 2,
  },
  {
    legacyCode: 'T-HNO-277413-TT',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    unit: UNITS.PTP,
    days: 1,
    level: 2,
    applicant: 'citizen',
    fee: { name: 'Phí chứng thực bản sao', amount: 2_000, perPage: true },
    documents: [{ code: 'BC', name: 'Bản chính giấy tờ cần chứng thực' }],
    weight: 4,
  },
  {
    legacyCode: 'T-HNO-277420-TT',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    unit: UNITS.PTP,
    days: 2,
    level: 2,
    applicant: 'citizen',
    fee: { name: 'Phí chứng thực hợp đồng, giao dịch', amount: 50_000 },
    documents: [{ code: 'DT', name: 'Dự thảo hợp đồng, giao dịch' }],
    weight: 1,
  },
  {
    legacyCode: 'T-HNO-281122-TT',
    name: 'Đăng ký khai sinh có yếu tố nước ngoài',
    unit: UNITS.PTP,
    days: 15,
    level: 3,
    applicant: 'citizen',
    fee: { name: 'Lệ phí đăng ký hộ tịch', amount: 100_000 },
    documents: [
      { code: 'TK', name: 'Tờ khai đăng ký khai sinh' },
      { code: 'GCS', name: 'Giấy chứng sinh' },
    ],
    weight: 1,
  },
  {
    legacyCode: 'T-HNO-291507-TT',
    name: 'Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình',
    unit: UNITS.PLDTBXH,
    days: 10,
    level: 3,
    applicant: 'citizen',
    documents: [{ code: 'GDN', name: 'Giấy đề nghị xác nhận hộ gia đình làm nông nghiệp' }],
    weight: 1,
  },
];

/** Notes the desk writes on some progress entries, by the status they come with. */
export const NOTES: Partial<Record<number, string>> = {
  3: 'Hồ sơ không đủ thành phần theo quy định',
  5: 'Đề nghị bổ sung giấy tờ còn thiếu',
  6: 'Đã gửi thông tin sang cơ quan thuế để xác định nghĩa vụ tài chính',
  7: 'Công dân đề nghị rút hồ sơ',
  8: 'Dừng xử lý theo đề nghị của cơ quan chuyên môn',
  10: 'Đã trả kết quả',
};
