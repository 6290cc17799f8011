import Papa from 'papaparse';
import { makeStudentSheet } from './import-sheet';
let t = performance.now();
const text = makeStudentSheet(100000);
console.log('gen', performance.now() - t, text.length);
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const r = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t', '|'] });
  console.log('papa', performance.now() - t, r.data.length);
}
t = performance.now();
const r2 = Papa.parse(text, { header: true });
console.log('papa header', performance.now() - t, r2.data.length);
const { parsePhoneNumberFromString } = await import('libphonenumber-js/max');
t = performance.now();
let c = 0;
for (let i = 0; i < 50000; i++) { const p = parsePhoneNumberFromString('06 12 34 ' + String(i % 100).padStart(2, '0') + ' ' + String(i%97).padStart(2,'0'), 'FR'); if (p?.isValid() && p.getType()) c++; }
console.log('lpn max 50k', performance.now() - t, c);
const min = await import('libphonenumber-js');
t = performance.now();
for (let i = 0; i < 50000; i++) { const p = min.parsePhoneNumberFromString('06 12 34 ' + String(i % 100).padStart(2, '0') + ' ' + String(i%97).padStart(2,'0'), 'FR'); if (p?.isValid()) c++; }
console.log('lpn min 50k', performance.now() - t, c);
