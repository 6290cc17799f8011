import { openMemoryRegister } from '../../db/register';
const db = await openMemoryRegister();
console.log(db.all(`SELECT value FROM json_each(?)`, [JSON.stringify(['a', 'b'])]));
console.log(db.all(`EXPLAIN QUERY PLAN SELECT id FROM guardian WHERE id IN (SELECT value FROM json_each(?))`, ['[]']));
console.log(db.all(`EXPLAIN QUERY PLAN SELECT l.student_id, g.phone FROM guardianship l JOIN guardian g ON g.id = l.guardian_id WHERE l.student_id IN (SELECT value FROM json_each(?))`, ['[]']));
console.log(db.all(`EXPLAIN QUERY PLAN SELECT l.guardian_id, s.division FROM guardianship l JOIN student s ON s.id = l.student_id WHERE l.guardian_id IN (SELECT value FROM json_each(?))`, ['[]']));
