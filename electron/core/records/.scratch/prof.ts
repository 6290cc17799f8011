import { openRegister } from '../../db/register';
import { buildGuardianIndex, buildStudentIndex } from '../search-index';
import { readTable } from '../load';
const db = await openRegister('/tmp/recbench/reg.sesame');
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
function t<T>(label: string, f: () => T): T { const c0 = cpu(); const w0 = performance.now(); const r = f(); console.log(label.padEnd(30), (performance.now() - w0).toFixed(0), 'ms cpu', (cpu() - c0).toFixed(0)); return r; }
t('read guardian 6', () => readTable(db, ['id', 'civility', 'last_name', 'first_name', 'phone', 'email'], 'guardian'));
t('read guardian 6 again', () => readTable(db, ['id', 'civility', 'last_name', 'first_name', 'phone', 'email'], 'guardian'));
t('read student 2', () => readTable(db, ['id', 'division'], 'student'));
t('read links', () => readTable(db, ['student_id', 'guardian_id'], 'guardianship'));
t('read student 7', () => readTable(db, ['id', 'ine', 'last_name', 'first_name', 'birth_date', 'division', 'status'], 'student'));
t('count guardian', () => db.get('SELECT count(*) FROM guardian'));
t('build guardians', () => buildGuardianIndex(db));
t('build students', () => buildStudentIndex(db));
t('build guardians 2', () => buildGuardianIndex(db));
await db.close();
