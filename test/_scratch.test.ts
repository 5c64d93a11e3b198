import { parseDateLine } from '../src/import/date-line.js';
import { fromTcvn3, fromVni, detectLegacy } from '../src/import/legacy-encodings.js';
for (const l of ['Thứ Hai, 24/2/2020','thứ hai, 24/02/2020','T2, 24/2/2020','24/02/2020 08:30','08:30 24/02/2020','24/02/2020, 08h30','ngày 24 tháng 2 năm 2020','2020-02-24','Thứ Ba, 24/2/2020','31/2/2020','Bắc Giang: Tiếp tục', 'Cập nhật: 24/02/2020 | 3:15 PM','CN, 1/3/2020','Chủ nhật, 01/03/2020 (GMT+7)', 'Thứ 2, 24-02-2020 08:30'])
  console.log(l, '=>', JSON.stringify(parseDateLine(l)));
console.log(fromTcvn3('B¾c Giang'), fromTcvn3('TiÕng ViÖt rÊt hay'), fromTcvn3('M\u00adêng Kh\u00ad¬ng'), fromTcvn3('B¶o Th¾ng B¸t X¸t'));
console.log(fromVni('Baéc Giang'), fromVni('Tieáng Vieät raát hay'), fromVni('Xin chaøo caùc baïn'), fromVni('Ñaø Naüng TRÖÔØNG'), fromVni('ñöôøng'));
for (const t of ['B¾c Giang','Baéc Giang','Bắc Giang','Toán học hoàn thành','café', 'TiÕng ViÖt', 'Tieáng Vieät']) console.log(t, JSON.stringify(detectLegacy(t)));
import {it} from 'vitest'; it('x',()=>{});
