import { openRegister } from '../../db/register';
import { fillSyntheticRegister } from '../test-data';
const db = await openRegister('/tmp/recbench/reg.sesame');
const s = await fillSyntheticRegister(db, { students: 100000, guardians: 200000 });
console.log(JSON.stringify({ g: s.sampleGuardians[0], s: s.sampleStudents[0] }));
await db.close();
