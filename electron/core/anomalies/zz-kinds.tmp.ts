import { openMemoryRegister } from '../db/register';
import { fillSyntheticRegister } from '../records/test-data';
import { scanModel } from './scan';
import { loadModel } from './model';
import { readTable } from '../records/load';
const db = await openMemoryRegister();
await fillSyntheticRegister(db, { students: Number(process.argv[2] ?? 10000) });
for (let i = 0; i < 2; i++) {
let t = performance.now();
readTable(db, ['id', 'civility', 'last_name', 'first_name', 'phone', 'phone_raw', 'email', 'email_raw', 'postal_code', 'country', 'address_line1'], 'guardian');
readTable(db, ['id', 'last_name', 'first_name', 'birth_date', 'birth_date_raw', 'division', 'status'], 'student');
readTable(db, ['id', 'student_id', 'guardian_id', 'legal_rank'], 'guardianship');
console.log('read', performance.now() - t);
t = performance.now();
const m = loadModel(db);
console.log('load', performance.now() - t);
t = performance.now();
const list = scanModel(m, new Date('2024-09-02'));
console.log('rules', performance.now() - t);
const c: Record<string, number> = {};
for (const a of list.values()) c[a.kind] = (c[a.kind] ?? 0) + 1;
console.log(c);
}
