/**
 * Syllables common in Vietnamese personal names (family, middle and given names of the Kinh majority, with
 * both tone placements, and the clan names of the Ê Đê, written as one word), lower case, NFC. Legacy-encoding detection uses them, for names only, where
 * syllable structure cannot decide: the VNI spelling of "Thị" is "Thò" and the TCVN3 spelling of "Vũ" is
 * "Vò", both real Vietnamese words, but neither is a name; a reading that turns such words into name
 * syllables, and no name syllable into anything else, is the legacy one.
 */
// prettier-ignore
const SYLLABLES = `
an anh ánh ân ấn âu ẩn ba bá bạch bản bảo bắc bằng bế bích biên biển bình bính bội bùi bửu ca cao cảnh
cát cầm cẩm cần chánh châu chi chiến chinh chính chu chung chương công cù cúc cung cường đàm đan đạt đào
đại đặng đăng điệp diệp diễm diệu đinh đình định đoàn đông đồng đỗ đức dung dũng dương duy duyên giang
gia giao hà hạ hạc hải hạnh hào hạng hằng hân hậu hiền hiển hiếu hiệp hoa hòa hoà hoài hoan hoàn hoàng
hoạt hòe hoè hồ hồng hợp huân huệ hùng hưng hương hữu huy huyền huỳnh hứa khải khang khanh khánh khiêm
khoa khôi khuê khúc kiên kiệt kim kiều la lạc lai lam lâm lan lành lập lê lệ liên liễu linh loan lộc
lợi long lục luân lương lưu lý ly mạc mai mạnh mẫn minh mỹ my nam nga ngân nghi nghĩa ngô ngọc nguyên
nguyễn nguyệt nhàn nhân nhật nhi nhiên nhung như ninh nông oanh phạm phan phát phi phong phú phúc phùng
phụng phương phượng quách quan quang quân quế quốc quý quyên quyết quỳnh sang sơn sen sinh song sương
tạ tài tâm tân tấn tạo thạch thái thanh thành thảo thắng thân thế thi thị thiên thiện thịnh thoa thọ
thông thu thư thục thuận thương thúy thuý thủy thuỷ thùy thuỳ thụy thuỵ tiên tiến tín tịnh toàn tô
tôn trà trâm trần trang trí triệu trinh trịnh trọng trúc trung trương tú tuấn tuệ tùng tuyết tư tường
uyên văn vân vi viên việt vĩnh vinh võ vũ vui vương vy xuân yên yến
adrơng ayun byă êban êya hđơk hwing kbuôr knul ksơr ktla mđrăng mlô niê
`;

export const NAME_SYLLABLES: ReadonlySet<string> = new Set(SYLLABLES.trim().split(/\s+/));
