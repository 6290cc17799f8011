import { openTestCore } from '../test-core';
const core = await openTestCore();
await core.db.write((tx) => {
  tx.run(`INSERT INTO guardian (id, last_name, first_name, name_key, created_at, updated_at) VALUES ('g1', 'A', 'B', 'k', 't', 't')`);
  tx.run(`INSERT INTO student (id, last_name, first_name, match_key, created_at, updated_at) VALUES ('s1', 'A', 'B', 'k', 't', 't')`);
});
console.log((await core.dispatch('students.list', {})));
await core.db.write((tx) => tx.run(`INSERT INTO guardianship (id, student_id, guardian_id, created_at) VALUES ('l', 's1', 'g1', 't')`));
console.log(core.db.all('SELECT * FROM temp.records_changed'));
console.log(JSON.stringify(await core.dispatch('students.list', {})));
console.log(core.db.all('SELECT * FROM temp.records_changed'));
