import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
let bad = 0, valid = 0; const t = performance.now();
for (let p = 1000; p <= 9999; p++) {
  const seen = new Set<string>();
  for (let k = 0; k < 40; k++) {
    const suf = String(Math.floor(Math.random() * 100000)).padStart(5, '0');
    const pn = parsePhoneNumberFromString('0' + p + suf, 'FR');
    seen.add(pn?.isValid() ? String(pn.getType()) : 'invalid');
  }
  for (const suf of ['00000', '99999']) { const pn = parsePhoneNumberFromString('0' + p + suf, 'FR'); seen.add(pn?.isValid() ? String(pn.getType()) : 'invalid'); }
  if (seen.size > 1) { bad++; if (bad < 20) console.log(p, [...seen]); }
  if (!seen.has('invalid')) valid++;
}
console.log('inconsistent prefixes', bad, 'valid', valid, performance.now() - t);
