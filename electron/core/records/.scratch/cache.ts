import { openRegister } from '../../db/register';
import { buildGuardianIndex, buildStudentIndex } from '../search-index';
const size = process.argv[2];
const db = await openRegister('/tmp/recbench/reg.sesame');
if (size) db.get(`PRAGMA cache_size = ${size}`);
console.log('cache', db.get('PRAGMA cache_size'), 'page_size', db.get('PRAGMA page_size'), 'pages', db.get('PRAGMA page_count'));
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
function t<T>(label: string, f: () => T): T { const c0 = cpu(); const w0 = performance.now(); const r = f(); console.log(label.padEnd(30), (performance.now() - w0).toFixed(0), 'ms cpu', (cpu() - c0).toFixed(0), 'rss', (process.memoryUsage().rss / 1e6).toFixed(0)); return r; }
t('build g', () => buildGuardianIndex(db));
t('build s', () => buildStudentIndex(db));
t('build g', () => buildGuardianIndex(db));
t('build s', () => buildStudentIndex(db));
await db.close();
