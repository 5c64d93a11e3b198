/** Word, phrase and tag banks the corpus generator draws Vietnamese text from (NFC, full diacritics). */

/** Tag pool, most common first: the generator samples it with a Zipf distribution. */
export const TAGS = [
  'chuyển đổi số', 'cải cách hành chính', 'giáo dục', 'y tế', 'giao thông', 'nông nghiệp', 'môi trường',
  'an sinh xã hội', 'đầu tư công', 'du lịch', 'văn hóa', 'phòng chống thiên tai', 'nông thôn mới', 'đất đai',
  'xây dựng', 'thể thao', 'an ninh trật tự', 'doanh nghiệp', 'ngân sách', 'thuế', 'giảm nghèo', 'lao động việc làm',
  'khoa học công nghệ', 'sắp xếp đơn vị hành chính', 'chính quyền hai cấp', 'dịch vụ công trực tuyến', 'bão lũ',
  'quy hoạch', 'đô thị', 'công nghiệp', 'thương mại', 'xuất khẩu', 'năng lượng', 'điện lực', 'đổi mới sáng tạo',
  'khởi nghiệp', 'tài chính', 'ngân hàng', 'bảo hiểm xã hội', 'bảo hiểm y tế', 'đào tạo nghề', 'dân tộc thiểu số',
  'tôn giáo', 'phụ nữ', 'thanh niên', 'trẻ em', 'người cao tuổi', 'người có công', 'cựu chiến binh', 'nhà ở xã hội',
  'cấp nước', 'vệ sinh môi trường', 'rác thải', 'lâm nghiệp', 'thủy sản', 'chăn nuôi', 'trồng trọt', 'ocop',
  'an toàn thực phẩm', 'dịch bệnh', 'covid-19', 'tiêm chủng', 'sốt xuất huyết', 'bệnh viện', 'trạm y tế',
  'trường học', 'tuyển sinh', 'thi tốt nghiệp', 'học bổng', 'thư viện', 'di sản', 'lễ hội', 'bảo tàng',
  'nghệ thuật', 'báo chí', 'xuất bản', 'phát thanh truyền hình', 'internet', 'an toàn thông tin',
  'chính quyền điện tử', 'cơ sở dữ liệu', 'căn cước công dân', 'định danh điện tử', 'thanh tra',
  'phòng chống tham nhũng', 'tư pháp', 'pháp luật', 'tuyên truyền', 'hội nghị', 'đại hội', 'bầu cử',
  'hội đồng nhân dân', 'sáp nhập tỉnh', 'cán bộ công chức', 'tinh giản biên chế', 'thi đua khen thưởng',
  'kỷ niệm', 'ngày lễ', 'tết nguyên đán', 'mùa mưa bão', 'giao thông nông thôn', 'cao tốc', 'cầu đường',
  'cảng biển', 'sân bay', 'đường sắt', 'logistics', 'khu công nghiệp', 'cụm công nghiệp', 'làng nghề',
  'hợp tác xã', 'kinh tế tập thể', 'kinh tế tư nhân', 'thu hút đầu tư', 'fdi', 'giải ngân', 'đấu thầu',
  'đấu giá', 'giá cả thị trường', 'xăng dầu', 'lúa gạo', 'cà phê', 'hồ tiêu', 'cao su', 'trái cây',
  'thanh long', 'sầu riêng', 'vải thiều', 'chè', 'muối', 'tôm', 'cá tra', 'rừng', 'phòng cháy chữa cháy',
  'cứu hộ cứu nạn', 'tai nạn giao thông', 'ma túy', 'buôn lậu', 'hàng giả', 'quyền lợi người tiêu dùng',
  'khiếu nại tố cáo', 'tiếp công dân', 'dân vận', 'mặt trận tổ quốc', 'công đoàn', 'đoàn thanh niên',
  'hội nông dân', 'hội liên hiệp phụ nữ', 'bình đẳng giới', 'phòng chống bạo lực gia đình', 'dân số',
  'kế hoạch hóa gia đình', 'dinh dưỡng', 'nước sạch', 'điện nông thôn', 'năng lượng tái tạo', 'điện mặt trời',
  'điện gió', 'khoáng sản', 'ô nhiễm không khí', 'chất lượng nước', 'sạt lở', 'động đất', 'nắng nóng',
  'rét đậm', 'thời tiết', 'khí tượng thủy văn', 'đê điều', 'thủy lợi', 'hồ chứa', 'kênh mương',
  'nông nghiệp công nghệ cao', 'truy xuất nguồn gốc', 'thương mại điện tử', 'chợ truyền thống', 'siêu thị',
  'du lịch cộng đồng', 'homestay', 'ẩm thực', 'bóng đá', 'điền kinh', 'hội khỏe phù đổng', 'văn nghệ',
  'nhà văn hóa', 'gia đình văn hóa', 'khu dân cư', 'an ninh mạng', 'bảo vệ trẻ em', 'học sinh', 'sinh viên',
  'giáo viên', 'y bác sĩ', 'nghiên cứu khoa học', 'sở hữu trí tuệ', 'tiêu chuẩn đo lường', 'hải quan',
  'kho bạc', 'thống kê', 'điều tra dân số', 'kinh tế số', 'xã hội số',
];

/** Agencies and actors that open a sentence; {P} is the article's province. */
export const SUBJECTS = [
  'Ủy ban nhân dân tỉnh {P}', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Tài nguyên và Môi trường',
  'Ban Chỉ đạo tỉnh', 'Thường trực Hội đồng nhân dân tỉnh', 'Công an tỉnh {P}', 'Sở Giao thông vận tải',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Kế hoạch và Đầu tư', 'Trung tâm Phục vụ hành chính công',
  'Liên đoàn Lao động tỉnh', 'Bộ Chỉ huy Quân sự tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh {P}',
  'Các địa phương trên địa bàn', 'Chính quyền cấp xã', 'Đoàn công tác của tỉnh', 'Lãnh đạo tỉnh {P}',
  'Sở Thông tin và Truyền thông', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Lao động - Thương binh và Xã hội',
  'Ban Quản lý các khu công nghiệp', 'Cục Thuế tỉnh', 'Kho bạc Nhà nước tỉnh', 'Bảo hiểm xã hội tỉnh',
  'Sở Công Thương', 'Sở Xây dựng', 'Thanh tra tỉnh', 'Sở Tư pháp', 'Sở Nội vụ',
];

/** Verb phrases that follow a subject. */
export const VERBS = [
  'đã tổ chức hội nghị triển khai', 'vừa ban hành', 'tiếp tục triển khai', 'yêu cầu các đơn vị khẩn trương thực hiện',
  'đề nghị tăng cường', 'chỉ đạo rà soát', 'đã phê duyệt', 'tổ chức tổng kết', 'phối hợp kiểm tra',
  'công bố kết quả', 'đang xây dựng', 'hướng dẫn thực hiện', 'đẩy mạnh', 'tập trung hoàn thành',
  'báo cáo tiến độ', 'lấy ý kiến góp ý về', 'sơ kết', 'khởi động', 'tăng cường giám sát', 'đánh giá hiệu quả',
];

/** Objects: what the sentence is about; {Y} is a year near the article's date, {N} a small number. */
export const OBJECTS = [
  'kế hoạch phát triển kinh tế - xã hội năm {Y}', 'phương án phòng, chống thiên tai và tìm kiếm cứu nạn',
  'chương trình mục tiêu quốc gia xây dựng nông thôn mới', 'đề án chuyển đổi số giai đoạn {Y}–{Y5}',
  'quy hoạch sử dụng đất cấp huyện', 'công tác cải cách hành chính', 'dự án nâng cấp tuyến đường tỉnh {N}',
  'kế hoạch tuyển sinh vào lớp 10', 'chiến dịch tiêm chủng mở rộng', 'chương trình hỗ trợ hộ nghèo',
  'phong trào thi đua yêu nước', 'công tác quản lý thị trường', 'kế hoạch bảo vệ môi trường',
  'việc cấp giấy chứng nhận quyền sử dụng đất', 'các thủ tục hành chính liên thông', 'công tác giải ngân vốn đầu tư công',
  'kế hoạch phát triển du lịch bền vững', 'phương án sắp xếp trụ sở làm việc', 'đề án vị trí việc làm',
  'chương trình khuyến công địa phương', 'kế hoạch phòng, chống dịch bệnh ở gia súc, gia cầm',
  'công tác bảo đảm trật tự an toàn giao thông', 'nhiệm vụ thu ngân sách nhà nước', 'mô hình hợp tác xã kiểu mới',
  'chương trình mỗi xã một sản phẩm', 'dự án hồ chứa nước {N}', 'kế hoạch thực hiện Nghị quyết số {DOCN}/NQ-HĐND',
  'hệ thống thông tin giải quyết thủ tục hành chính', 'công tác tiếp công dân định kỳ', 'đề án phát triển nhà ở xã hội',
];

/** Optional tails that close a sentence. */
export const TAILS = [
  'nhằm nâng cao chất lượng phục vụ người dân và doanh nghiệp', 'với tổng kinh phí hơn {M} tỷ đồng',
  'trong giai đoạn {Y}–{Y5}', 'bảo đảm đúng tiến độ và chất lượng', 'theo đúng quy định của pháp luật',
  'tại {N} xã, phường trên địa bàn', 'trước ngày {D}', 'với sự tham gia của hơn {K} đại biểu',
  'đạt {PCT} kế hoạch đề ra', 'tăng {PCT} so với cùng kỳ năm trước', 'góp phần ổn định đời sống nhân dân',
  'trên tinh thần công khai, minh bạch', 'và báo cáo kết quả về Ủy ban nhân dân tỉnh', 'kịp thời, hiệu quả',
  'phù hợp với điều kiện thực tế của địa phương', 'từ nguồn vốn ngân sách trung ương và địa phương',
];

/** Whole sentences for variety between the composed ones. */
export const SENTENCES = [
  'Đến nay, toàn tỉnh đã có {N} xã đạt chuẩn nông thôn mới, trong đó {N2} xã đạt chuẩn nông thôn mới nâng cao.',
  'Tỷ lệ hồ sơ giải quyết đúng hạn đạt {PCT}, tăng so với cùng kỳ năm {Y1}.',
  'Theo báo cáo, tổng thu ngân sách nhà nước trên địa bàn ước đạt {M} tỷ đồng.',
  'Người dân có thể tra cứu thông tin và nộp hồ sơ trực tuyến mọi lúc, mọi nơi.',
  'Hội nghị đã thống nhất nhiều giải pháp để tháo gỡ khó khăn cho sản xuất, kinh doanh.',
  'Các sở, ngành được giao nhiệm vụ chủ trì cần chủ động phối hợp với địa phương trong quá trình thực hiện.',
  'Mưa lớn kéo dài khiến nhiều tuyến đường bị sạt lở, giao thông bị chia cắt cục bộ.',
  'Lực lượng chức năng đã kịp thời di dời {K} hộ dân ra khỏi khu vực nguy hiểm.',
  'Năm học {Y}–{Y+1}, toàn tỉnh có hơn {K} học sinh các cấp bước vào năm học mới.',
  'Giá trị sản xuất nông nghiệp ước tăng {PCT}, cơ cấu cây trồng tiếp tục chuyển dịch theo hướng tích cực.',
  'Công tác tuyên truyền được đổi mới cả về nội dung lẫn hình thức, tạo sự đồng thuận trong nhân dân.',
  'Bên cạnh kết quả đạt được, việc triển khai vẫn còn một số hạn chế cần sớm khắc phục.',
  'Nguồn nhân lực chất lượng cao vẫn còn thiếu, nhất là trong lĩnh vực công nghệ thông tin.',
  'Trong tháng, cơ quan chức năng đã kiểm tra {N} cơ sở, xử phạt vi phạm hành chính {M} triệu đồng.',
  'Đồng chí Chủ tịch Ủy ban nhân dân tỉnh nhấn mạnh yêu cầu không để người dân nào bị bỏ lại phía sau.',
  'Mọi ý kiến phản ánh, kiến nghị xin gửi về đường dây nóng của Trung tâm Phục vụ hành chính công.',
  'Thời tiết thuận lợi giúp bà con nông dân thu hoạch lúa vụ đông xuân đạt năng suất cao.',
  'Tổng lượng khách du lịch đến tỉnh ước đạt {K} lượt, doanh thu từ du lịch tăng mạnh.',
  'Việc sắp xếp bộ máy được thực hiện đồng bộ, bảo đảm hoạt động thông suốt, không gián đoạn.',
  'Hệ thống camera giám sát giao thông đã được lắp đặt tại {N} nút giao trọng điểm.',
];

/** Titles: {P} province, {Y} year; kept short like real bulletin headlines. */
export const TITLES = [
  '{P} triển khai kế hoạch chuyển đổi số năm {Y}', '{P} tổng kết công tác phòng, chống thiên tai',
  '{P} đẩy mạnh cải cách hành chính', 'Hội nghị sơ kết nông thôn mới tại {P}', '{P} công bố chỉ số năng lực cạnh tranh',
  '{P} khởi công dự án giao thông trọng điểm', '{P} hỗ trợ người dân bị ảnh hưởng bởi mưa lũ',
  'Tuyển sinh lớp 10 năm học {Y}–{Y+1} tại {P}', '{P} tăng cường kiểm tra an toàn thực phẩm',
  '{P} phát động phong trào thi đua yêu nước', 'Kết quả giải ngân vốn đầu tư công tại {P}',
  '{P} đón nhận bằng công nhận di tích quốc gia', '{P} tổ chức lễ hội văn hóa truyền thống',
  '{P} ra mắt cổng dịch vụ công trực tuyến mới', 'Thông báo lịch tiếp công dân tháng {MO} tại {P}',
  '{P} triển khai tiêm chủng mở rộng', '{P} kiện toàn bộ máy sau sắp xếp',
  '{P} xúc tiến đầu tư vào khu công nghiệp', '{P} tôn vinh doanh nghiệp tiêu biểu năm {Y}',
  '{P} chuẩn bị cho kỳ thi tốt nghiệp trung học phổ thông', '{P} ứng phó với nắng nóng kéo dài',
  '{P} phát triển sản phẩm OCOP', 'Cảnh báo sạt lở đất tại các huyện miền núi {P}',
  '{P} ban hành quy định mới về quản lý đất đai', 'Hội nghị xúc tiến du lịch {P} năm {Y}',
  '{P} thực hiện chính sách hỗ trợ người có công', '{P} thu hút vốn đầu tư trực tiếp nước ngoài',
  '{P} đảm bảo an ninh trật tự dịp Tết Nguyên đán', '{P} nâng cấp hệ thống thủy lợi',
  '{P} chăm lo đời sống đồng bào dân tộc thiểu số',
];

/** Section headings inside a bulletin. */
export const HEADINGS = [
  'Tình hình chung', 'Kết quả thực hiện', 'Những khó khăn, vướng mắc', 'Nhiệm vụ trọng tâm thời gian tới',
  'Giải pháp thực hiện', 'Tổ chức thực hiện', 'Kiến nghị, đề xuất', 'Đánh giá chung', 'Mục tiêu cụ thể',
  'Kinh phí thực hiện', 'Phân công nhiệm vụ', 'Thông tin liên hệ',
];

/** Short list items. */
export const ITEMS = [
  'Rà soát, cập nhật danh mục thủ tục hành chính', 'Bố trí đủ kinh phí cho các nhiệm vụ được giao',
  'Tăng cường kiểm tra, giám sát việc thực hiện', 'Đẩy mạnh ứng dụng công nghệ thông tin',
  'Kịp thời khen thưởng tập thể, cá nhân tiêu biểu', 'Tổ chức đối thoại với người dân và doanh nghiệp',
  'Hoàn thành báo cáo trước ngày {D}', 'Phối hợp chặt chẽ với các sở, ngành liên quan',
  'Công khai kết quả trên cổng thông tin điện tử', 'Chủ động phương án ứng phó với tình huống phát sinh',
  'Bồi dưỡng nghiệp vụ cho cán bộ cấp xã', 'Huy động nguồn lực xã hội hóa',
];

/** Rows of the indicators table. */
export const INDICATORS = [
  'Tốc độ tăng trưởng kinh tế', 'Thu ngân sách nhà nước', 'Tỷ lệ hộ nghèo', 'Số xã đạt chuẩn nông thôn mới',
  'Tỷ lệ dân số tham gia bảo hiểm y tế', 'Tỷ lệ hồ sơ trực tuyến toàn trình', 'Số doanh nghiệp thành lập mới',
  'Tỷ lệ che phủ rừng', 'Tỷ lệ trường đạt chuẩn quốc gia', 'Lượng khách du lịch',
];

/** Link texts and the path stems their URLs use. */
export const LINKS = [
  ['toàn văn quyết định', 'van-ban/quyet-dinh'], ['kế hoạch chi tiết', 'van-ban/ke-hoach'],
  ['cổng dịch vụ công', 'dich-vu-cong'], ['báo cáo tổng hợp', 'bao-cao'], ['thông báo kết luận', 'thong-bao'],
  ['danh sách đơn vị', 'danh-sach'], ['hướng dẫn thực hiện', 'huong-dan'],
];

/** Image alt texts and captions. */
export const FIGURES = [
  ['Quang cảnh hội nghị', 'Quang cảnh hội nghị tại {P}'], ['Lãnh đạo tỉnh phát biểu', 'Lãnh đạo tỉnh {P} phát biểu chỉ đạo'],
  ['Công trình đang thi công', 'Công trình trọng điểm đang được đẩy nhanh tiến độ'],
  ['Người dân làm thủ tục', 'Người dân làm thủ tục tại Trung tâm Phục vụ hành chính công'],
  ['Cánh đồng lúa', 'Cánh đồng lúa vào vụ thu hoạch'], ['Lực lượng cứu hộ', 'Lực lượng chức năng hỗ trợ người dân vùng lũ'],
];
