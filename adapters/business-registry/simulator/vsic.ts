/**
 * The business lines (ngành nghề kinh doanh) the registry simulator knows: a small part of the Vietnamese
 * Standard Industrial Classification (VSIC 2018, Decision 27/2018/QĐ-TTg) — every code the shared population's
 * household businesses use, and some lines households commonly register. Codes are VSIC 2018 codes at level 4
 * or 5; the names are the simulator's short wording of the VSIC titles, not the official text.
 */
export const VSIC_2018: ReadonlyMap<string, string> = new Map([
  // Used by the shared population (adapters/sdk/simulator/names.ts, BUSINESS_KINDS).
  ['1071', 'Sản xuất các loại bánh từ bột'],
  ['1410', 'May trang phục (trừ trang phục từ da lông thú)'],
  ['14100', 'May trang phục (trừ trang phục từ da lông thú)'],
  ['4542', 'Bảo dưỡng, sửa chữa mô tô, xe máy'],
  ['4711', 'Bán lẻ lương thực, thực phẩm, đồ uống chiếm tỷ trọng lớn trong cửa hàng kinh doanh tổng hợp'],
  ['47110', 'Bán lẻ lương thực, thực phẩm, đồ uống chiếm tỷ trọng lớn trong cửa hàng kinh doanh tổng hợp'],
  ['4722', 'Bán lẻ thực phẩm trong các cửa hàng chuyên doanh'],
  ['4741', 'Bán lẻ máy vi tính, thiết bị ngoại vi, phần mềm và thiết bị viễn thông'],
  ['4771', 'Bán lẻ hàng may mặc, giày dép, hàng da và giả da'],
  ['4772', 'Bán lẻ thuốc, dụng cụ y tế, mỹ phẩm và vật phẩm vệ sinh'],
  ['5510', 'Dịch vụ lưu trú ngắn ngày'],
  ['5610', 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động'],
  ['56101', 'Nhà hàng, quán ăn, hàng ăn uống'],
  ['5630', 'Dịch vụ phục vụ đồ uống'],
  ['9512', 'Sửa chữa thiết bị liên lạc'],
  ['9631', 'Cắt tóc, làm đầu, gội đầu'],
  ['96310', 'Cắt tóc, làm đầu, gội đầu'],
  // Other lines households commonly register.
  ['0162', 'Hoạt động dịch vụ chăn nuôi'],
  ['4520', 'Bảo dưỡng, sửa chữa ô tô và xe có động cơ khác'],
  ['4723', 'Bán lẻ đồ uống trong các cửa hàng chuyên doanh'],
  ['4752', 'Bán lẻ đồ ngũ kim, sơn, kính và thiết bị lắp đặt khác trong xây dựng'],
  ['4781', 'Bán lẻ lương thực, thực phẩm, đồ uống lưu động hoặc tại chợ'],
  ['4932', 'Vận tải hành khách đường bộ khác'],
  ['4933', 'Vận tải hàng hóa bằng đường bộ'],
  ['5621', 'Cung cấp dịch vụ ăn uống theo hợp đồng không thường xuyên với khách hàng'],
  ['8559', 'Giáo dục khác chưa được phân vào đâu'],
  ['9610', 'Dịch vụ tắm hơi, massage và các dịch vụ tăng cường sức khoẻ tương tự'],
  ['9620', 'Giặt là, làm sạch các sản phẩm dệt và lông thú'],
]);
