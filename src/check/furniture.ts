/** Check rule `page-furniture`: portal buttons and counters left in an article body. */
import { furnitureText } from '../import/furniture.js';
import { warning, type Diagnostic } from '../messages.js';
import type { ArticleSource } from './article-sources.js';

/** Warns at each body line that is page furniture ("Gửi cho bạn bè", "Lượt xem: 123", …). */
export function checkFurniture(source: ArticleSource): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const { line, text } of source.body) {
    const phrase = furnitureText(text);
    if (phrase) {
      found.push(warning(source.path, { line, column: text.search(/\S/) + 1 }, 'page-furniture', `"${phrase}" is page furniture copied from a web page, not article text; delete the line`));
    }
  }
  return found;
}
