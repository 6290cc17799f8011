// Shared set-up of the letters tests: a real register (file), a real account service on a loopback
// port (PGlite), a sheet with names from several Latin scripts, and the guardians pushed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createCore, type Core } from '../../electron/core/app';
import { fixedClock } from '../../shared/clock';
import { school, startWorld, type World } from '../../service/test/harness';

export const SHEET = [
  'NOM DE FAMILLE;PRENOM 1;DATE NAISS;INE;DIV.;CIVILITE RESP LEG 1;NOM RESP LEG 1;PRENOM RESP LEG 1;LIEN DE PARENTE RL1;TEL PORTABLE RL1;COURRIEL RL1;ADRESSE RL1;CODE POSTAL RL1;COMMUNE RL1',
  'WÓJCIK;Zofia;03/05/2014;;6A;Mme;WÓJCIK;Małgorzata;MERE;06 12 34 56 78;m.wojcik@example.fr;12 rue des Écoles;31000;Toulouse',
  'YILMAZ;Ayşe;17/11/2014;;6A;M.;YILMAZ;Barış;PERE;07 81 22 33 44;b.yilmaz@example.fr;4 avenue de la Gloire, résidence Les Très Longs Noms de Bâtiments Fleuris;31500;Toulouse',
  'NGUYỄN;Minh;20/01/2014;;6A;Mme;NGUYỄN;Thị Ngọc Ánh;MERE;;;8 impasse du Moulin;31200;Toulouse',
  'DUPONT;Léo;02/02/2014;;6A;M.;DUPONT;Paul;PERE;06 99 88 77 66;;;;',
  'MARTIN;Chloé;05/06/2013;;5B;Mme;MARTIN;Claire;MERE;06 11 22 33 44;;3 place du Capitole;31000;Toulouse',
].join('\n');

export const SCHOOL_NAME = 'Collège Jean Jaurès';

export interface LettersWorld {
  w: World;
  core: Core;
  dir: string;
  dbPath: string;
  serviceUrl: string;
  token: string;
  logs: string[];
  close(): Promise<void>;
}

export async function lettersWorld(): Promise<LettersWorld> {
  const logs: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
  const w = await startWorld('pglite', {}, undefined, logStream);
  await w.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const serviceUrl = `http://127.0.0.1:${port}`;
  const s = await school(w);
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-letters-'));
  const dbPath = path.join(dir, 'registre.sesame');
  const core = await createCore({ dbPath, clock: fixedClock('2026-11-25T09:00:00.000Z'), checkOutput: true, actor: () => 'Mme Secrétaire' });
  const prepared = await core.dispatch('import.prepare', { files: [{ name: 'siecle.csv', contentBase64: Buffer.from(SHEET, 'utf8').toString('base64') }] });
  if (!prepared.ok || !prepared.value.plan) throw new Error(`import prepare failed: ${JSON.stringify(prepared)}`);
  const committed = await core.dispatch('import.commit', { token: prepared.value.token, markAbsentAsLeft: false, conflictChoices: {} });
  if (!committed.ok) throw new Error(`import commit failed: ${JSON.stringify(committed)}`);
  await configureService(core, serviceUrl, s.token);
  // Letters are printed only for a named school (the letterhead and the text name it).
  const named = await core.dispatch('school.update', { uai: null, name: SCHOOL_NAME, address: null, departement: '31' });
  if (!named.ok) throw new Error(`school name: ${named.error.message}`);
  return {
    w, core, dir, dbPath, serviceUrl, token: s.token, logs,
    async close() {
      await core.close().catch(() => undefined);
      await w.close();
    },
  };
}

export async function configureService(core: Core, url: string, token: string): Promise<void> {
  const r = await core.dispatch('sync.settings.set', { serviceUrl: url, token });
  if (!r.ok) throw new Error(r.error.message);
}

/** The text of a PDF, by poppler's pdftotext (UTF-8, reading order). */
export function pdfText(dir: string, pdf: Buffer, name = 'out.pdf'): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Every (identifier, password) pair printed, in order. */
export function credentialsIn(text: string): Array<{ login: string; password: string }> {
  const out: Array<{ login: string; password: string }> = [];
  const re = /IDENTIFIANT\s+(\S+)\s+MOT DE PASSE PROVISOIRE\s+(\S+)/g;
  for (const m of text.matchAll(re)) out.push({ login: m[1]!, password: m[2]! });
  return out;
}

export const guardianId = (core: Core, lastName: string): string =>
  String(core.db.get<{ id: string }>('SELECT id FROM guardian WHERE last_name = ?', [lastName])!.id);
