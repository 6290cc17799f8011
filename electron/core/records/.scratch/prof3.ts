import { openRegister } from '../../db/register';
import { readTable, cell } from '../load';
const db = await openRegister('/tmp/recbench/reg.sesame');
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
function t<T>(label: string, f: () => T): T { const c0 = cpu(); const w0 = performance.now(); const r = f(); console.log(label.padEnd(40), (performance.now() - w0).toFixed(0), 'ms cpu', (cpu() - c0).toFixed(0)); return r; }
t('warm guardian', () => readTable(db, ['id', 'civility', 'last_name', 'first_name', 'phone', 'email'], 'guardian'));
t('warm student', () => readTable(db, ['id', 'ine', 'last_name', 'first_name', 'birth_date', 'division', 'status'], 'student'));
t('warm links', () => readTable(db, ['student_id', 'guardian_id'], 'guardianship'));
const g = t('read guardian 6', () => readTable(db, ['id', 'civility', 'last_name', 'first_name', 'phone', 'email'], 'guardian'));
t('read guardian 5 rowid', () => readTable(db, ['rowid', 'civility', 'last_name', 'first_name', 'phone', 'email'], 'guardian'));
t('read guardian id only', () => readTable(db, ['id'], 'guardian'));
const l = t('read links uuid', () => readTable(db, ['student_id', 'guardian_id'], 'guardianship'));
t('read links rowid join', () => readTable(db, ['s.rowid', 'g.rowid'], 'guardianship l JOIN student s ON s.id = l.student_id JOIN guardian g ON g.id = l.guardian_id'));
t('read links rowid join2', () => readTable(db, ['(SELECT rowid FROM student WHERE id = l.student_id)', '(SELECT rowid FROM guardian WHERE id = l.guardian_id)'], 'guardianship l'));
const m = t('map guardian ids', () => { const at = new Map<string, number>(); for (let r = 0; r < g.count; r++) at.set(cell(g, r, 0) as string, r); return at; });
t('lookup links', () => { let s = 0; for (let r = 0; r < l.count; r++) s += m.get(cell(l, r, 1) as string) ?? 0; return s; });
t('guardian agg', () => db.get(`SELECT count(*), sum(length(x)) FROM (SELECT g.rowid, count(l.rowid) c, group_concat(DISTINCT s.division) x FROM guardian g LEFT JOIN guardianship l ON l.guardian_id = g.id LEFT JOIN student s ON s.id = l.student_id GROUP BY g.rowid)`));
t('raw select get', () => db.get(`SELECT length(group_concat(id || char(31) || last_name, char(31))) FROM guardian`));
await db.close();
