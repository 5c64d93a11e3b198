/**
 * Page furniture: the buttons and boxes of a portal page ("Gửi cho bạn bè", "In bài viết",
 * "Lượt xem: 123") that come along when an article is copied from the web.
 */

const PHRASES = [
  'gửi cho bạn bè', 'gửi bạn bè', 'gửi email', 'gửi tin', 'gửi bài viết', 'email cho bạn bè',
  'phản hồi', 'gửi phản hồi', 'ý kiến phản hồi', 'thông tin người gửi phản hồi', 'ý kiến bạn đọc',
  'gửi ý kiến', 'bình luận', 'viết bình luận',
  'in bài viết', 'in bài', 'in trang', 'bản in', 'in', 'print',
  'chia sẻ', 'chia sẻ bài viết', 'chia sẻ facebook', 'share', 'facebook', 'twitter', 'zalo', 'tweet', 'like',
  'quay lại', 'quay lại trang trước', 'trở về', 'trở lại', 'về đầu trang', 'lên đầu trang', 'đầu trang',
  'tin liên quan', 'tin khác', 'các tin khác', 'bài viết liên quan', 'tin cùng chuyên mục', 'xem thêm',
  'lưu bài viết', 'đánh giá bài viết', 'cỡ chữ', 'tăng cỡ chữ', 'giảm cỡ chữ',
  'họ và tên', 'họ tên', 'địa chỉ email', 'mã xác nhận', 'nhập mã xác nhận', 'gửi', 'nhập lại', 'làm lại',
];

const PHRASE_SET = new Set(PHRASES);
const COUNTER = /^(?:số\s+)?lượt\s+(?:xem|đọc|truy cập)\s*:?\s*[\d.,\s]+$/u;
const SHARE_ROW = /^(?:(?:chia sẻ|share|facebook|twitter|zalo|email|in|print|gửi)\s*[|/•·,]?\s*){2,}$/u;

/** The text of a line as furniture is compared: lower case, no Markdown marks or edge punctuation. */
function comparable(line: string): string {
  return line
    .normalize('NFC')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_#>`[\]]/g, ' ')
    .replace(/^\s*[-+]\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s:;.,|•·»«›‹-]+|[\s:;.,|•·»«›‹-]+$/gu, '')
    .toLocaleLowerCase('vi');
}

/** Whether a whole line (or paragraph) is page furniture rather than article text. */
export function isFurniture(line: string): boolean {
  const text = comparable(line);
  if (!text) return false;
  return PHRASE_SET.has(text) || COUNTER.test(text) || SHARE_ROW.test(text);
}

/** The furniture phrase of a line, as written (trimmed), for messages; null when it is text. */
export function furnitureText(line: string): string | null {
  return isFurniture(line) ? line.replace(/\s+/g, ' ').trim() : null;
}
