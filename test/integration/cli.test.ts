// The `sesame` command line as a person runs it: the built dist/cli.js in a real process, real
// files, a real register.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app';
import { openRegister } from '../../electron/core/db/register';

const root = path.resolve(import.meta.dirname, '../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sesame(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli.js'), ...args], {
      cwd: root,
      env: { ...process.env, SESAME_DEBUG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const HEADER = 'INE;Nom;Prénom;Date de naissance;Classe;Nom responsable 1;Prénom responsable 1;Portable responsable 1;Courriel responsable 1';
const ROWS = [
  '070803070AJ;Martin;Léa;02/04/2013;6A;Martin;Paul;06 12 34 56 78;paul.martin@example.fr',
  ';Durand;Tom;15/09/2012;5B;Durand;Anne;0698765432;anne.durand@example.fr',
  ';Petit;Zoé;31/02/2013;6A;Petit;Marc;0611223344;marc.petit@example.fr',
];

/** Hash of every register file (snapshot, journal), to prove a failed import wrote nothing. */
function registerFingerprint(dbPath: string): Record<string, string> {
  const dir = path.dirname(dbPath);
  const base = path.basename(dbPath);
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((n) => n.startsWith(base)).sort()) {
    out[f] = createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex');
  }
  return out;
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

describe('sesame CLI', () => {
  let dir: string;
  let dbPath: string;
  let sheet: string;

  beforeAll(() => {
    // The built CLI, as `sesame` runs it (bundle, wasm next to it, no TypeScript at run time).
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-needed', '--only=cli'], { cwd: root, stdio: 'ignore' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'sesame-cli-'));
    dbPath = path.join(dir, 'registre.sesame');
    sheet = path.join(dir, 'fiches.csv');
    writeFileSync(sheet, `${HEADER}\n${ROWS.join('\n')}\n`);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers unknown commands and options with the French usage and exit 64', async () => {
    for (const args of [['frobnicate'], ['import', sheet], ['import', sheet, '--db', dbPath, '--nope'], ['export', '--db', dbPath]]) {
      const r = await sesame(...args);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain('Usage :');
      expect(r.stdout).toBe('');
      noStackTrace(r.stderr);
    }
  });

  it('--dry-run prints the plan as JSON and writes nothing', async () => {
    const r = await sesame('import', sheet, '--db', dbPath, '--dry-run', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.rows).toBe(3);
    expect(report.students.created).toBe(3);
    const after = await sesame('export', '--db', dbPath, '--json');
    expect(JSON.parse(after.stdout)).toEqual({ students: [] });
  });

  it('imports a sheet and prints one JSON object of the agreed shape', async () => {
    const r = await sesame('import', sheet, '--db', dbPath, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(['guardians', 'rejected', 'rows', 'students', 'warnings']);
    expect(report.rows).toBe(3);
    expect(report.students).toEqual({ created: 3, updated: 0, unchanged: 0, left: 0 });
    expect(report.guardians).toEqual({ created: 3, updated: 0, unchanged: 0 });
    // An impossible birth date with names: imported without a date, reported as a warning.
    expect(report.rejected).toEqual([]);
    const bad = report.warnings.find((p: { row: number }) => p.row === 4);
    expect(bad).toMatchObject({ row: 4, field: 'student.birthDate' });
    expect(Object.keys(bad).sort()).toEqual(['code', 'field', 'message', 'row']);
    expect(typeof bad.code).toBe('string');
    expect(bad.message).toMatch(/\p{L}/u);
    expect(Array.isArray(report.warnings)).toBe(true);
  });

  it('exports the register as JSON', async () => {
    const r = await sesame('export', '--db', dbPath, '--json');
    expect(r.code).toBe(0);
    const { students } = JSON.parse(r.stdout);
    expect(students).toHaveLength(3);
    expect(students.find((s: { firstName: string }) => s.firstName === 'Zoé')?.birthDate ?? null).toBeNull();
    const lea = students.find((s: { firstName: string }) => s.firstName === 'Léa');
    expect(Object.keys(lea).sort()).toEqual(['birthDate', 'division', 'firstName', 'guardians', 'id', 'ine', 'lastName', 'status']);
    expect(lea).toMatchObject({ ine: '070803070AJ', birthDate: '2013-04-02', division: '6A', status: 'enrolled' });
    expect(lea.lastName.toUpperCase()).toBe('MARTIN');
    expect(lea.guardians).toHaveLength(1);
    const paul = lea.guardians[0];
    expect(Object.keys(paul).sort()).toEqual(['email', 'firstName', 'id', 'lastName', 'legal', 'phone', 'relation']);
    expect(paul).toMatchObject({ phone: '+33612345678', email: 'paul.martin@example.fr' });
    expect([0, 1, 2]).toContain(paul.legal);
  });

  it('lists the anomalies that will block parents as JSON', async () => {
    const reg = path.join(dir, 'anomalies.sesame');
    const file = path.join(dir, 'anomalies.csv');
    writeFileSync(file, `${HEADER}\n;Roux;Jade;05/06/2013;6B;Roux;Claire;;\n`);
    expect((await sesame('import', file, '--db', reg, '--json')).code).toBe(0);
    const exported = JSON.parse((await sesame('export', '--db', reg, '--json')).stdout);
    const claire = exported.students[0].guardians[0].id as string;

    const r = await sesame('anomalies', '--db', reg, '--json');
    expect(r.code).toBe(0);
    const { anomalies } = JSON.parse(r.stdout) as { anomalies: Array<{ kind: string; message: string; students: string[]; guardians: string[] }> };
    const kindsFor = anomalies.filter((a) => a.guardians.includes(claire)).map((a) => a.kind);
    expect(kindsFor).toEqual(expect.arrayContaining(['guardian.no_mobile', 'guardian.no_email']));
    for (const a of anomalies) expect(a.message.length).toBeGreaterThan(10);
    expect((await sesame('anomalies', '--db', path.join(dir, 'absent.sesame'), '--json')).code).toBe(1);
  });

  it('re-importing the same sheet changes nothing', async () => {
    const r = await sesame('import', sheet, '--db', dbPath, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.students).toEqual({ created: 0, updated: 0, unchanged: 3, left: 0 });
  });

  it('marks absent students left only with --mark-left', async () => {
    const partial = path.join(dir, 'partielle.csv');
    writeFileSync(partial, `${HEADER}\n${ROWS[0]}\n${ROWS[2]}\n`);
    const human = await sesame('import', partial, '--db', dbPath);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Import terminé');
    expect(human.stdout).toContain('--mark-left');
    const kept = JSON.parse((await sesame('export', '--db', dbPath, '--json')).stdout);
    expect(kept.students.every((s: { status: string }) => s.status === 'enrolled')).toBe(true);

    const r = await sesame('import', partial, '--db', dbPath, '--json', '--mark-left');
    expect(r.code).toBe(0);
    const after = JSON.parse((await sesame('export', '--db', dbPath, '--json')).stdout);
    const tom = after.students.find((s: { firstName: string }) => s.firstName === 'Tom');
    const lea = after.students.find((s: { firstName: string }) => s.firstName === 'Léa');
    expect(JSON.parse(r.stdout).students.left).toBe(1);
    expect(tom.status).toBe('left');
    expect(lea.status).toBe('enrolled');
  });

  it.each([
    ['empty', ''],
    ['header only', `${HEADER}\n`],
    ['binary', '\u0000\u0001\u0002PK\u0003\u0004\u0000\u0000garbage\u0000'],
    ['unmappable columns', 'foo;bar;baz\n1;2;3\n4;5;6\n'],
  ])('refuses an unusable file (%s) with exit 2, a French message, and an untouched register', async (_label, content) => {
    const bad = path.join(dir, 'inutilisable.csv');
    writeFileSync(bad, content);
    const before = registerFingerprint(dbPath);
    const r = await sesame('import', bad, '--db', dbPath, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().length).toBeGreaterThan(10);
    noStackTrace(r.stderr);
    expect(registerFingerprint(dbPath)).toEqual(before);
  });

  it('uses --mapping for columns it cannot map on its own', async () => {
    const odd = path.join(dir, 'maison.csv');
    writeFileSync(odd, 'Identité A;Identité B;Jour J;Groupe\nBernard;Inès;03/03/2013;6C\n');
    const fresh = path.join(dir, 'autre.sesame');
    const refused = await sesame('import', odd, '--db', fresh, '--json');
    expect(refused.code).toBe(2);
    const map = path.join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ 'Identité A': 'student.lastName', 'Identité B': 'student.firstName', 'jour j': 'student.birthDate' }));
    const r = await sesame('import', odd, '--db', fresh, '--mapping', map, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).students.created).toBe(1);
  });

  it('edit fixes a phone and a birth date like the forms do, signed by a staff member, and refuses bad values without writing', async () => {
    const reg = path.join(dir, 'edit.sesame');
    expect((await sesame('import', sheet, '--db', reg, '--json')).code).toBe(0);
    const core = await createCore({ dbPath: reg });
    expect((await core.dispatch('staff.add', { name: 'Mme Durand' })).ok).toBe(true);
    await core.close();
    type Exported = { students: Array<{ id: string; firstName: string; birthDate: string | null; guardians: Array<{ id: string; phone: string | null }> }> };
    const exported = JSON.parse((await sesame('export', '--db', reg, '--json')).stdout) as Exported;
    const zoe = exported.students.find((s) => s.firstName === 'Zoé')!;
    const paul = exported.students.find((s) => s.firstName === 'Léa')!.guardians[0]!.id;
    const kindsOf = async (id: string) =>
      (JSON.parse((await sesame('anomalies', '--db', reg, '--json')).stdout).anomalies as Array<{ kind: string; students: string[] }>)
        .filter((a) => a.students.includes(id))
        .map((a) => a.kind);
    expect(await kindsOf(zoe.id)).toContain('student.invalid_birth_date');

    // Refused before anything is opened or written: usage, unknown signer, a value the domain refuses.
    const before = registerFingerprint(reg);
    const noSigner = await sesame('edit', 'guardian', paul, '--db', reg, '--phone', '06 99 88 77 66');
    expect(noSigner.code).toBe(64);
    expect(noSigner.stderr).toContain('--as');
    const stranger = await sesame('edit', 'guardian', paul, '--db', reg, '--as', 'M. Inconnu', '--phone', '06 99 88 77 66');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('« Mme Durand »');
    const bad = await sesame('edit', 'guardian', paul, '--db', reg, '--as', 'mme durand', '--phone', '12');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Portable|numéro/i);
    expect(bad.stderr).toContain('Rien n’a été enregistré');
    noStackTrace(bad.stderr);
    const mixed = await sesame('edit', 'student', zoe.id, '--db', reg, '--as', 'Mme Durand', '--phone', '0611223344');
    expect(mixed.code).toBe(64);
    expect(mixed.stderr).toContain('--phone');
    expect((await sesame('edit', 'apply-suggestions', '--kind', 'guardian.email_typo', '--db', reg, '--as', 'Mme Durand')).code).toBe(64);
    expect(registerFingerprint(reg)).toEqual(before);

    const phone = await sesame('edit', 'guardian', paul, '--db', reg, '--as', 'mme durand', '--phone', '06 99 88 77 66', '--json');
    expect(phone.code).toBe(0);
    expect(JSON.parse(phone.stdout)).toMatchObject({ entity: 'guardian', id: paul, changes: 1, warnings: [] });
    const birth = await sesame('edit', 'student', zoe.id, '--db', reg, '--as', 'Mme Durand', '--birth-date', '28/02/2013');
    expect(birth.code).toBe(0);
    expect(birth.stdout).toContain('signé « Mme Durand »');
    expect(await kindsOf(zoe.id)).not.toContain('student.invalid_birth_date');
    const again = await sesame('edit', 'student', zoe.id, '--db', reg, '--as', 'Mme Durand', '--birth-date', '2013-02-28');
    expect(again.stdout).toContain('Rien à changer');

    const after = JSON.parse((await sesame('export', '--db', reg, '--json')).stdout) as Exported;
    expect(after.students.find((s) => s.id === zoe.id)?.birthDate).toBe('2013-02-28');
    expect(after.students.flatMap((s) => s.guardians).find((g) => g.id === paul)?.phone).toBe('+33699887766');
    const db = await openRegister(reg);
    try {
      const audit = db.all<{ field: string; actor: string; source: string }>("SELECT field, actor, source FROM audit WHERE source = 'edit' ORDER BY field");
      expect(audit).toEqual([
        { field: 'birth_date', actor: 'Mme Durand', source: 'edit' },
        // What was typed at import is cleared once the date reads: history keeps it.
        { field: 'birth_date_raw', actor: 'Mme Durand', source: 'edit' },
        { field: 'phone', actor: 'Mme Durand', source: 'edit' },
      ]);
    } finally {
      await db.close();
    }
    const none = await sesame('edit', 'apply-suggestions', '--kind', 'guardian.invalid_mobile', '--db', reg, '--as', 'Mme Durand', '--json');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ kind: 'guardian.invalid_mobile', applied: 0, skipped: [] });
    // About twenty real CLI processes, each loading sql.js: on a loaded two-core machine, minutes.
  }, 180_000);

  it('exits 3 with a French message when another process owns the register', async () => {
    const held = await openRegister(dbPath);
    try {
      const r = await sesame('import', sheet, '--db', dbPath, '--json');
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/registre|verrou/i);
      noStackTrace(r.stderr);
      const e = await sesame('export', '--db', dbPath, '--json');
      expect(e.code).toBe(3);
    } finally {
      await held.close();
    }
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
  });
});
