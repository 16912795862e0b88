/**
 * The one error catalogue of lienthong: every stable code a user can meet, with its HTTP status (for
 * problem codes) and its message in Vietnamese and English. Messages may interpolate `{name}` values.
 *
 * - `PROBLEMS`: top-level codes of an RFC 9457 problem document (`code` member).
 * - `FIELD_ERRORS`: per-field codes inside a problem's `errors` list.
 *
 * Codes are stable: never rename or reuse one. README.md lists them; a test keeps both in sync.
 */

export interface ProblemEntry {
  status: number;
  vi: string;
  en: string;
}

export interface FieldEntry {
  vi: string;
  en: string;
}

export const PROBLEMS = {
  CONTRACT_INVALID: {
    status: 422,
    vi: 'Dữ liệu không đúng hợp đồng dữ liệu {contract}',
    en: 'The record does not satisfy contract {contract}',
  },
  CONTRACT_UNKNOWN: {
    status: 404,
    vi: 'Không có hợp đồng dữ liệu {contract}',
    en: 'There is no contract {contract}',
  },
  CONTRACT_UPGRADE_UNAVAILABLE: {
    status: 422,
    vi: 'Không có cách nâng cấp bản ghi từ {from} lên {to}',
    en: 'No upgrade path from {from} to {to}',
  },
  INPUT_NOT_JSON: {
    status: 400,
    vi: 'Nội dung gửi lên không phải JSON hợp lệ',
    en: 'The body is not valid JSON',
  },
  // transport and input
  BODY_TOO_LARGE: {
    status: 413,
    vi: 'Nội dung gửi lên vượt quá {limit} byte',
    en: 'The body exceeds {limit} bytes',
  },
  BODY_TOO_DEEP: {
    status: 400,
    vi: 'JSON lồng nhau quá {limit} cấp',
    en: 'The JSON is nested deeper than {limit} levels',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Chỉ chấp nhận nội dung application/json',
    en: 'Only application/json bodies are accepted',
  },
  PATH_INVALID: {
    status: 400,
    vi: 'Đường dẫn của yêu cầu không hợp lệ',
    en: 'The request path is not valid',
  },
  REQUEST_MALFORMED: {
    status: 400,
    vi: 'Không đọc được yêu cầu HTTP',
    en: 'The HTTP request could not be parsed',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    vi: 'Phần tiêu đề của yêu cầu quá lớn',
    en: 'The request headers are too large',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    vi: 'Yêu cầu không được gửi đến trọn vẹn kịp thời',
    en: 'The request was not received in time',
  },
  HEADER_INVALID: {
    status: 400,
    vi: 'Tiêu đề {header} thiếu hoặc không hợp lệ',
    en: 'Header {header} is missing or invalid',
  },
  MEMBER_ID_INVALID: {
    status: 400,
    vi: 'Mã thành viên {member} không hợp lệ',
    en: 'Member id {member} is not valid',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài nguyên', en: 'No such resource' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  RATE_LIMITED: {
    status: 429,
    vi: 'Vượt hạn mức yêu cầu, thử lại sau {retryAfter} giây',
    en: 'Too many requests; retry after {retryAfter} s',
  },
  ADMIN_AUTH_REQUIRED: {
    status: 401,
    vi: 'Cần mã truy cập của người vận hành',
    en: 'An operator token is required',
  },
  DEAD_LETTER_UNKNOWN: { status: 404, vi: 'Không có thư chết {id}', en: 'There is no dead letter {id}' },
  PROCEDURE_UNKNOWN: {
    status: 404,
    vi: 'Không có thủ tục liên thông {procedure}',
    en: 'There is no joint procedure {procedure}',
  },
  DOSSIER_UNKNOWN: { status: 404, vi: 'Không có hồ sơ {code}', en: 'There is no dossier {code}' },
  DOSSIER_NOT_WAITING: {
    status: 409,
    vi: 'Hồ sơ {code} không chờ cán bộ quyết định',
    en: "Dossier {code} is not waiting for an officer's decision",
  },
  RATING_UNKNOWN: {
    status: 404,
    vi: 'Liên kết đánh giá không đúng hoặc đã hết hạn',
    en: 'The rating link is not valid or has expired',
  },
  RATING_GIVEN: {
    status: 409,
    vi: 'Hồ sơ {code} đã được đánh giá',
    en: 'Dossier {code} has been rated already',
  },
  NOTIFICATION_REFUSED: {
    status: 401,
    vi: 'Thông báo của {upstream} không được chấp nhận: {reason}',
    en: 'The notification from {upstream} is refused: {reason}',
  },
  NOTIFICATION_UNEXPECTED: {
    status: 409,
    vi: 'Không có hồ sơ nào đang chờ thông báo này của {upstream} (gửi lại thông báo cũ hoặc không thuộc hồ sơ nào)',
    en: 'No dossier waits for this notification from {upstream} (an old notification replayed, or none of ours)',
  },
  PERIOD_INVALID: {
    status: 422,
    vi: 'Khoảng thời gian không hợp lệ: {reason}',
    en: 'The period is not valid: {reason}',
  },
  SOURCE_NOT_FOUND: {
    status: 422,
    vi: 'Nguồn dữ liệu {source} không có thông tin cần cho {field}',
    en: 'Source {source} holds no record needed for {field}',
  },
  INTERNAL: { status: 500, vi: 'Lỗi nội bộ của hệ thống', en: 'Internal error' },
  DELIVERY_NOT_DURABLE: {
    status: 503,
    vi: 'Chưa lưu được yêu cầu an toàn (bản sao dự phòng chưa xác nhận); hãy gửi lại với cùng Idempotency-Key',
    en: 'The delivery was not stored durably (no replica confirmed it); send it again with the same Idempotency-Key',
  },

  // trust: signatures, keys, replays
  SIGNATURE_MISSING: {
    status: 401,
    vi: 'Yêu cầu chưa được ký (thiếu Hub-Signature)',
    en: 'The request is not signed (no Hub-Signature)',
  },
  SIGNATURE_INVALID: {
    status: 401,
    vi: 'Chữ ký không hợp lệ: {reason}',
    en: 'The signature is not valid: {reason}',
  },
  KEY_UNKNOWN: { status: 401, vi: 'Khoá ký {kid} không được biết', en: 'Signing key {kid} is unknown' },
  KEY_REVOKED: { status: 401, vi: 'Khoá ký {kid} đã bị thu hồi', en: 'Signing key {kid} has been revoked' },
  KEY_EXPIRED: {
    status: 401,
    vi: 'Chứng thư của khoá ký {kid} không còn hiệu lực',
    en: 'The certificate of signing key {kid} is not valid now',
  },
  SIGNATURE_STALE: {
    status: 401,
    vi: 'Thời điểm ký (iat) lệch quá {window} giây so với đồng hồ của hệ thống',
    en: 'The signing time (iat) is more than {window} s away from the hub clock',
  },
  REPLAYED: {
    status: 409,
    vi: 'Thông điệp {messageId} đã được gửi trước đó',
    en: 'Message {messageId} was already received',
  },
  CLIENT_MISMATCH: {
    status: 403,
    vi: 'Bên gửi {client} không khớp với chủ khoá ký {member}',
    en: 'Client {client} does not match the owner of the signing key {member}',
  },
  CLIENT_CERT_INVALID: {
    status: 401,
    vi: 'Chứng thư TLS của bên gửi không hợp lệ: {reason}',
    en: 'The TLS client certificate is not valid: {reason}',
  },
  CLIENT_CERT_MISMATCH: {
    status: 403,
    vi: 'Chứng thư TLS thuộc về {certMember}, không phải bên ký {member}',
    en: 'The TLS client certificate belongs to {certMember}, not to the signer {member}',
  },

  // access policy
  SERVICE_UNKNOWN: { status: 404, vi: 'Không có dịch vụ {service}', en: 'There is no service {service}' },
  FORBIDDEN_SERVICE: {
    status: 403,
    vi: 'Thành viên {member} không được phép gọi dịch vụ {service}',
    en: 'Member {member} may not call service {service}',
  },
  FORBIDDEN_PURPOSE: {
    status: 403,
    vi: 'Mục đích {purpose} không được phép cho dịch vụ {service}',
    en: 'Purpose {purpose} is not allowed for service {service}',
  },
  FORBIDDEN_FIELDS: {
    status: 403,
    vi: 'Mục đích {purpose} không cho phép đọc các trường: {fields}',
    en: 'Purpose {purpose} does not allow reading fields: {fields}',
  },
  FORBIDDEN_RIGHT: {
    status: 403,
    vi: 'Thành viên {member} không có quyền {right}',
    en: 'Member {member} lacks the right {right}',
  },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    vi: 'Khoá Idempotency-Key đã dùng cho một yêu cầu khác',
    en: 'The Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_FLIGHT: {
    status: 409,
    vi: 'Yêu cầu trước với cùng khoá Idempotency-Key đang được xử lý; thử lại sau {retryAfter} giây',
    en: 'A request with this Idempotency-Key is still being processed; retry after {retryAfter} s',
  },

  // upstream systems
  UPSTREAM_TIMEOUT: {
    status: 504,
    vi: 'Hệ thống {upstream} không trả lời kịp',
    en: 'Upstream {upstream} did not answer in time',
  },
  UPSTREAM_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống {upstream} tạm thời không sẵn sàng',
    en: 'Upstream {upstream} is unavailable',
  },
  UPSTREAM_REJECTED: {
    status: 422,
    vi: 'Hệ thống {upstream} từ chối yêu cầu: {reason}',
    en: 'Upstream {upstream} refused the request: {reason}',
  },
  UPSTREAM_REQUEST_UNBUILDABLE: {
    status: 422,
    vi: 'Không lập được yêu cầu gửi hệ thống {upstream}: {reason}',
    en: 'The request cannot be written for upstream {upstream}: {reason}',
  },
  UPSTREAM_NOT_FOUND: {
    status: 404,
    vi: 'Hệ thống {upstream} không có dữ liệu được yêu cầu',
    en: 'Upstream {upstream} holds no such record',
  },
  UPSTREAM_MALFORMED: {
    status: 502,
    vi: 'Hệ thống {upstream} trả lời sai định dạng',
    en: 'Upstream {upstream} sent a malformed answer',
  },
  UPSTREAM_MISCONFIGURED: {
    status: 502,
    vi: 'Hub chưa được cấu hình đúng để kết nối {upstream} (thông tin xác thực bị từ chối hoặc thiếu); cần quản trị viên xử lý',
    en: "The hub's connection to {upstream} is misconfigured (credentials refused or missing); an operator must fix it",
  },
  UPSTREAM_CONTRACT_BROKEN: {
    status: 502,
    vi: 'Câu trả lời của {upstream} không đúng hợp đồng dữ liệu {contract}',
    en: 'The answer of {upstream} breaks contract {contract}',
  },
} as const satisfies Record<string, ProblemEntry>;

export const FIELD_ERRORS = {
  // generic, from the schema itself
  FIELD_REQUIRED: { vi: 'Trường này là bắt buộc', en: 'This field is required' },
  FIELD_NOT_ALLOWED: {
    vi: 'Trường này không có trong hợp đồng dữ liệu',
    en: 'This field is not part of the contract',
  },
  FIELD_TYPE: { vi: 'Kiểu dữ liệu không đúng, cần {expected}', en: 'Wrong type: expected {expected}' },
  FIELD_EMPTY: { vi: 'Trường này không được để trống', en: 'This field must not be empty' },
  FIELD_FORMAT: { vi: 'Giá trị không đúng định dạng', en: 'The value does not have the expected format' },
  FIELD_TOO_LONG: { vi: 'Giá trị dài quá {limit} ký tự', en: 'The value is longer than {limit} characters' },
  FIELD_TOO_SHORT: {
    vi: 'Giá trị ngắn hơn {limit} ký tự',
    en: 'The value is shorter than {limit} characters',
  },
  FIELD_OUT_OF_RANGE: {
    vi: 'Giá trị nằm ngoài khoảng cho phép',
    en: 'The value is out of the allowed range',
  },
  FIELD_NOT_IN_LIST: {
    vi: 'Giá trị không thuộc danh mục cho phép: {allowed}',
    en: 'The value is not one of: {allowed}',
  },
  FIELD_TOO_MANY: { vi: 'Danh sách có quá {limit} phần tử', en: 'The list has more than {limit} items' },
  FIELD_TOO_FEW: { vi: 'Danh sách cần ít nhất {limit} phần tử', en: 'The list needs at least {limit} items' },
  FIELD_DUPLICATE: { vi: 'Giá trị bị trùng lặp', en: 'Duplicate value' },
  FIELD_CONFLICT: {
    vi: 'Giá trị mâu thuẫn với trường {other}',
    en: 'The value conflicts with field {other}',
  },
  FIELD_INVALID: { vi: 'Giá trị không hợp lệ', en: 'The value is not valid' },
  PAYMENT_NOT_OFFERED: {
    vi: 'Thủ tục này không có phí, lệ phí để nộp trực tuyến',
    en: 'This procedure has no fee to pay online',
  },
  POSTAL_RESULT_NOT_OFFERED: {
    vi: 'Thủ tục này không trả kết quả qua dịch vụ bưu chính công ích',
    en: 'This procedure does not post its result',
  },
  POSTAL_ADDRESS_REQUIRED: {
    vi: 'Cần địa chỉ nhận kết quả khi chọn nhận kết quả qua bưu chính',
    en: 'An address is needed to receive the result by post',
  },

  // personal ID (số định danh cá nhân / CCCD) and legacy CMND
  PERSONAL_ID_FORMAT: {
    vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số',
    en: 'A personal ID must be exactly 12 digits',
  },
  PERSONAL_ID_PROVINCE: {
    vi: 'Mã tỉnh {prefix} trong số định danh cá nhân không tồn tại',
    en: 'Province code {prefix} in the personal ID does not exist',
  },
  PERSONAL_ID_ABROAD_NOT_ALLOWED: {
    vi: 'Số định danh đăng ký ở nước ngoài (mã {prefix}) không được chấp nhận ở đây',
    en: 'A personal ID registered abroad (code {prefix}) is not accepted here',
  },
  PERSONAL_ID_FUTURE_BIRTH_YEAR: {
    vi: 'Năm sinh {year} mã hoá trong số định danh nằm ở tương lai',
    en: 'The birth year {year} encoded in the personal ID lies in the future',
  },
  PERSONAL_ID_BIRTH_YEAR_MISMATCH: {
    vi: 'Năm sinh trong số định danh ({idYear}) khác năm sinh của bản ghi ({recordYear})',
    en: 'The birth year in the personal ID ({idYear}) differs from the record’s date of birth ({recordYear})',
  },
  PERSONAL_ID_SEX_MISMATCH: {
    vi: 'Giới tính mã hoá trong số định danh ({idSex}) khác giới tính của bản ghi ({recordSex})',
    en: 'The sex encoded in the personal ID ({idSex}) differs from the record’s sex ({recordSex})',
  },
  LEGACY_ID_NOT_ALLOWED: {
    vi: 'Số CMND 9 chữ số chỉ dùng để tra cứu lịch sử, không dùng làm số định danh',
    en: 'A 9-digit CMND is accepted for look-up only, not as a personal ID',
  },
  LEGACY_ID_FORMAT: {
    vi: 'Số CMND cũ phải gồm 9 hoặc 12 chữ số',
    en: 'A legacy ID card number must be 9 or 12 digits',
  },

  // tax code (mã số thuế)
  TAX_CODE_FORMAT: {
    vi: 'Mã số thuế phải gồm 10, 12 hoặc 13 chữ số',
    en: 'A tax code must have 10, 12 or 13 digits',
  },
  TAX_CODE_CHECK_DIGIT: {
    vi: 'Chữ số kiểm tra của mã số thuế không đúng',
    en: 'The check digit of the tax code is wrong',
  },
  TAX_CODE_SEQUENCE_ZERO: {
    vi: 'Phần số thứ tự của mã số thuế không được toàn số 0',
    en: 'The sequence part of the tax code must not be all zeros',
  },
  TAX_CODE_BRANCH_ZERO: {
    vi: 'Mã đơn vị phụ thuộc của mã số thuế không được là 000',
    en: 'The branch suffix of the tax code must not be 000',
  },

  // phone
  PHONE_INVALID: { vi: 'Số điện thoại không hợp lệ', en: 'Not a valid phone number' },

  // names and text
  NAME_EMPTY: { vi: 'Họ tên không được để trống', en: 'The name must not be empty' },
  NAME_CHARACTERS: {
    vi: 'Họ tên chứa ký tự không được phép: {chars}',
    en: 'The name contains characters that are not allowed: {chars}',
  },
  TEXT_CHARACTERS: {
    vi: 'Văn bản chứa ký tự không được phép: {character}',
    en: 'The text contains a character that is not allowed: {character}',
  },
  TEXT_ENCODING_UNKNOWN: {
    vi: 'Văn bản có vẻ dùng bảng mã cũ không nhận diện được',
    en: 'The text seems to use a legacy encoding that could not be identified',
  },

  // dates and times
  DATE_FORMAT: {
    vi:
      'Ngày không đúng định dạng: dùng dd/MM/yyyy, MM/yyyy, yyyy, yyyy-MM-dd (ISO 8601), yyyy/MM/dd, ' +
      '“ngày dd tháng MM năm yyyy” hoặc ngày kèm giờ (dd/MM/yyyy HH:mm, ISO 8601, yyyyMMddHHmmss)',
    en:
      'Unrecognised date format: use dd/MM/yyyy, MM/yyyy, yyyy, yyyy-MM-dd (ISO 8601), yyyy/MM/dd, ' +
      '“ngày dd tháng MM năm yyyy” or a date and time (dd/MM/yyyy HH:mm, ISO 8601, yyyyMMddHHmmss)',
  },
  DATE_INVALID: { vi: 'Ngày {value} không tồn tại', en: 'The date {value} does not exist' },
  DATE_FUTURE: { vi: 'Ngày không được ở tương lai', en: 'The date must not be in the future' },
  DATE_PARTIAL_NOT_ALLOWED: {
    vi: 'Cần ngày đầy đủ (ngày, tháng, năm)',
    en: 'A full date (day, month and year) is required',
  },
  DATE_ORDER: { vi: 'Ngày phải sau hoặc bằng {other}', en: 'The date must not be before {other}' },
  TIMESTAMP_FORMAT: {
    vi: 'Thời điểm không đúng định dạng (yyyyMMddHHmmss, dd/MM/yyyy HH:mm:ss hoặc ISO 8601)',
    en: 'Unrecognised timestamp format (yyyyMMddHHmmss, dd/MM/yyyy HH:mm:ss or ISO 8601)',
  },

  // administrative units
  ADMIN_UNIT_UNKNOWN: {
    vi: 'Mã đơn vị hành chính {code} không có trong danh mục {catalogue}',
    en: 'Administrative unit {code} is not in catalogue {catalogue}',
  },
  ADMIN_UNIT_PROVINCE_MISMATCH: {
    vi: 'Xã/phường {commune} không thuộc tỉnh/thành phố {province}',
    en: 'Commune {commune} is not in province {province}',
  },
  ADMIN_UNIT_CATALOGUE_REQUIRED: {
    vi: 'Mã đơn vị hành chính phải kèm danh mục, là một trong: {allowed}',
    en: 'An administrative unit code must state its catalogue, one of: {allowed}',
  },
  ADMIN_UNIT_DISTRICT_NOT_CURRENT: {
    vi: 'Cấp huyện đã bỏ từ 01/07/2025: mã huyện chỉ dùng với danh mục legacy',
    en: 'Districts were abolished on 2025-07-01: a district code is only valid with the legacy catalogue',
  },

  // contract upgrades
  CONTRACT_UPGRADE_FAILED: {
    vi: 'Không nâng cấp được bản ghi sang phiên bản mới',
    en: 'The record could not be upgraded to the new version',
  },
} as const satisfies Record<string, FieldEntry>;

export type ProblemCode = keyof typeof PROBLEMS;
export type FieldCode = keyof typeof FIELD_ERRORS;

/** Fills `{name}` placeholders; a missing value leaves the placeholder's name in place. */
export function interpolate(template: string, context: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = context[k];
    return v === undefined || v === null ? k : String(v);
  });
}
