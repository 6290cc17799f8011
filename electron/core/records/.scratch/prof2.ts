import { openRegister } from '../../db/register';
import { buildGuardianIndex, buildStudentIndex } from '../search-index';
const db = await openRegister('/tmp/recbench/reg.sesame');
buildGuardianIndex(db);
const c0 = process.cpuUsage();
buildGuardianIndex(db);
buildStudentIndex(db);
const c = process.cpuUsage(c0); console.log('cpu', (c.user + c.system) / 1000);
await db.close();
