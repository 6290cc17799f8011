import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLetterTemplate } from '../../../../shared/letters/template';
import type { LetterBatch, LetterData } from '../../../../shared/letters/types';
import { AppFailure } from '../../errors';
import { ADDRESS_WINDOW } from './letter';
import { MM } from './pen';
import { PDF_TITLE, qrPayload, renderLettersPdf } from './pdf';
import { ACTIVATION_URL, sampleBatch, sampleLetters } from './sample';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sesame-letters-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function save(pdf: Uint8Array): string {
  const file = path.join(dir, `letters-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** Text of each page, as poppler reads it back from the file. */
function pagesText(pdf: Uint8Array): string[] {
  const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', save(pdf), '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

function pdfinfo(pdf: Uint8Array, ...args: string[]): string {
  return execFileSync('/usr/bin/pdfinfo', [...args, save(pdf)], { encoding: 'utf8' });
}

function letterWith(patch: Partial<LetterData>, base = sampleLetters()[0]!): LetterData {
  return { ...structuredClone(base), ...patch };
}

describe('renderLettersPdf', () => {
  it('prints every name exactly, the identifiers, the passwords and the expiry in words', async () => {
    const letters = sampleLetters();
    const { pdf, pages } = await renderLettersPdf(sampleBatch(letters));
    const text = pagesText(pdf).join('\n');
    for (const name of ['Łukasz', 'WIŚNIEWSKI', 'WIŚNIEWSKA', 'Şükrü', 'YILMAZ', 'Thị Lan', 'Nguyễn', 'Ødegård', 'O’Brien', 'Siobhán']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Mme Thị Lan Nguyễn');
    expect(text).toContain('M. Łukasz WIŚNIEWSKI');
    for (const l of letters) expect(text).toContain(l.login);
    expect(text).toContain('K7mP0x-Lq4');
    expect(text).toContain('Tr8vW2ns9E');
    expect(text).toContain('valable jusqu’au 25 février 2027');
    expect(text).toContain('valable jusqu’au 1er mars 2027');
    expect(pages).toBe(1 + letters.length);
    expect(pdfinfo(pdf)).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
  });

  it('starts each letter on its own page, after a cover listing the batch', async () => {
    const letters = sampleLetters();
    const text = pagesText((await renderLettersPdf(sampleBatch(letters))).pdf);
    expect(text).toHaveLength(1 + letters.length);
    expect(text[0]).toContain('Courriers de notification');
    expect(text[0]).toContain('Classe 6A');
    expect(text[0]).toContain('Mme Durand (secrétariat)');
    // The label says « Courriers » once: the count follows it without repeating the word.
    expect(text[0]!.replace(/\s+/g, ' ')).toContain('Courriers : 4, dont 3 avec identifiant et mot de passe provisoire et 1 rappel d’identifiant');
    expect(text[0]).not.toMatch(/Courriers : \d+ courrier/);
    expect(text[0]).not.toMatch(/K7mP0x|Tr8vW2ns9E|Hy3qZ8aRt5/);
    letters.forEach((l, i) => {
      expect(text[i + 1]).toContain(`${l.guardian.firstName} ${l.guardian.lastName}`);
      expect(text[i + 1]).toContain(l.login);
    });
  });

  it('never prints a password on a reminder, even when one is passed by mistake', async () => {
    const reminder = letterWith({ kind: 'reminder', temporaryPassword: 'Oups9Secret7' }, sampleLetters()[3]);
    const text = pagesText((await renderLettersPdf(sampleBatch([reminder])).then((r) => r)).pdf)[1]!;
    expect(text).not.toContain('Oups9Secret7');
    expect(text).not.toContain('MOT DE PASSE PROVISOIRE');
    expect(text).toContain('Mot de passe perdu');
    expect(text).toContain(reminder.login);
  });

  it('says a reissued letter voids the previous password, and only then', async () => {
    const text = pagesText((await renderLettersPdf(sampleBatch())).pdf);
    const notice = 'Ce courrier remplace le précédent : l’ancien mot de passe provisoire ne fonctionne plus.';
    expect(text[2]).toContain(notice);
    for (const i of [1, 3, 4]) expect(text[i]).not.toContain(notice);
  });

  it('gives the masked phone and the self-registration alternative, or says none is known', async () => {
    const text = pagesText((await renderLettersPdf(sampleBatch())).pdf).map((t) => t.replace(/\s+/g, ' '));
    expect(text[1]).toContain('06 ** ** ** 78');
    expect(text[1]).toContain('Si ce numéro n’est pas le vôtre');
    expect(text[2]).toContain('L’établissement ne connaît pas de numéro de portable pour vous');
  });

  it('condenses the parent FAQ', async () => {
    const text = pagesText((await renderLettersPdf(sampleBatch())).pdf)[1]!.replace(/\s+/g, ' ');
    expect(text).toContain('Mon numéro de téléphone n’est pas reconnu');
    expect(text).toContain('30 minutes');
    expect(text).toContain('Réessayer');
    expect(text).toContain('La date de naissance de mon enfant n’est pas reconnue');
    expect(text).toContain('Un enfant affiché n’est pas le mien');
    expect(text).toContain('Identifiant perdu');
  });
});

describe('QR code', () => {
  it('encodes the activation URL only, never the password', () => {
    for (const l of sampleLetters()) {
      expect(qrPayload(l)).toBe(ACTIVATION_URL);
      if (l.temporaryPassword) expect(qrPayload(l)).not.toContain(l.temporaryPassword);
    }
  });

  it('refuses a letter whose activation URL carries the password, without repeating it', async () => {
    const bad = letterWith({ activationUrl: `${ACTIVATION_URL}?p=K7mP0x-Lq4` });
    const error = await renderLettersPdf(sampleBatch([bad])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).code).toBe('invalid_input');
    expect((error as AppFailure).message).toContain('Courrier n° 1 (classe 6A)');
    expect((error as AppFailure).message).toContain('le code QR ne doit pas le contenir');
    expect(JSON.stringify({ m: (error as AppFailure).message, d: (error as AppFailure).details })).not.toContain('K7mP0x-Lq4');
  });

  it('prints the URL under the code', async () => {
    const text = pagesText((await renderLettersPdf(sampleBatch())).pdf)[1]!.replace(/\s+/g, '');
    expect(text).toContain(ACTIVATION_URL.replace(/\s+/g, ''));
  });
});

describe('bad input', () => {
  it('explains in French what is missing, letter by letter', async () => {
    const letters = [letterWith({ temporaryPassword: null }), letterWith({ login: ' ' }), letterWith({ activationUrl: 'comptes.example' })];
    const error = (await renderLettersPdf(sampleBatch(letters)).catch((e: unknown) => e)) as AppFailure;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Courrier n° 1 (classe 6A) : mot de passe provisoire manquant');
    expect(error.message).toContain('Courrier n° 2 (classe 6A) : identifiant manquant');
    expect(error.message).toContain('Courrier n° 3 (classe 6A) : adresse d’activation manquante ou invalide');
  });

  it('refuses an empty entry instead of crashing', async () => {
    const error = (await renderLettersPdf(sampleBatch([null as unknown as LetterData])).catch((e: unknown) => e)) as AppFailure;
    expect(error.message).toContain('Courrier n° 1 : courrier vide.');
  });

  it('prints a cover alone for an empty batch', async () => {
    const { pdf, pages } = await renderLettersPdf(sampleBatch([]));
    expect(pages).toBe(1);
    expect(pagesText(pdf)[0]).toContain('Aucun courrier dans ce lot.');
  });
});

describe('layout', () => {
  it('keeps 60-character names and long addresses inside the envelope window', async () => {
    const long = letterWith({
      guardian: {
        civility: 'Mme',
        firstName: 'Marie-Ségolène Anne-Françoise',
        lastName: 'DE LA FONTAINE-SAINT-EXUPÉRY-MONTMORENCY-LAVAL-CHÂTEAUBRIANT',
        address: {
          line1: 'Résidence Les Jardins de la Garonne, bâtiment C, escalier 4, appartement 1204',
          line2: 'Lieu-dit Le Grand Champ de la Fontaine aux Loups, chemin communal 12',
          postalCode: '31000',
          city: 'TOULOUSE CEDEX 9 — CENTRE DE TRI POSTAL DE TOULOUSE-SAINT-AGNE',
          country: 'Nouvelle-Calédonie',
        },
      },
      login: 'marie-segolene.delafontaine-saint-exupery-montmorency42',
    });
    expect(long.guardian.lastName.length).toBeGreaterThanOrEqual(60);
    const { pdf, pages } = await renderLettersPdf(sampleBatch([long]));
    expect(pages).toBe(2);
    const file = save(pdf);
    const html = execFileSync('/usr/bin/pdftotext', ['-bbox', '-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5]!,
    }));
    // The address block: every word right of the window’s left edge, above the subject (85 mm).
    const block = words.filter((w) => w.x0 >= ADDRESS_WINDOW.x - 1 && w.y0 >= 40 * MM && w.y0 < 84 * MM);
    const text = block.map((w) => w.text).join(' ');
    for (const part of ['DE', 'LA', 'Nouvelle-Calédonie', '31000', 'Résidence', 'Loups,']) expect(text).toContain(part);
    for (const w of block) {
      expect(w.x1).toBeLessThanOrEqual(ADDRESS_WINDOW.x + ADDRESS_WINDOW.width + 1);
      expect(w.y0).toBeGreaterThanOrEqual(ADDRESS_WINDOW.y - 1);
      expect(w.y1).toBeLessThanOrEqual(ADDRESS_WINDOW.y + ADDRESS_WINDOW.height + 1);
    }
    // Nothing runs off the page.
    for (const w of words) expect(w.x1).toBeLessThanOrEqual(595.28 - 10 * MM);
  });

  it('takes a second page for a large family, and says whose letter it continues', async () => {
    const many = letterWith({
      children: Array.from({ length: 24 }, (_, i) => ({ firstName: `Enfant ${i + 1}`, lastName: 'WIŚNIEWSKI', division: `${3 + (i % 4)}A` })),
    });
    const { pdf, pages } = await renderLettersPdf(sampleBatch([many, sampleLetters()[1]!]));
    expect(pages).toBe(4);
    const text = pagesText(pdf);
    expect(text[2]).toContain('suite du courrier adressé à M. Łukasz WIŚNIEWSKI');
    expect(text.join('\n')).toContain('Enfant 24 WIŚNIEWSKI, classe 6A');
    expect(text[3]).toContain('Şükrü');
  });
});

describe('template', () => {
  it('uses a staff template and leaves an unknown placeholder visible', async () => {
    const template = { ...defaultLetterTemplate, service: 'Espace Famille', greeting: '{{appel}} {{nmo}},' };
    const batch: LetterBatch = { ...sampleBatch([sampleLetters()[0]!]), template };
    const text = pagesText((await renderLettersPdf(batch)).pdf)[1]!;
    expect(text).toContain('Monsieur {{nmo}},');
    expect(text).toContain('Objet : votre Espace Famille');
  });
});

describe('the file', () => {
  it('has a fixed title and no personal data in its metadata', async () => {
    const { pdf } = await renderLettersPdf(sampleBatch());
    const info = pdfinfo(pdf);
    expect(info).toMatch(new RegExp(`Title:\\s+${PDF_TITLE}`));
    const meta = pdfinfo(pdf, '-meta');
    for (const secret of ['WIŚNIEWSKI', 'Łukasz', 'K7mP0x', 'l.wisniewski7', 'Classe 6A', 'Durand']) {
      expect(info).not.toContain(secret);
      expect(meta).not.toContain(secret);
    }
    expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
  });

  it('stays small: fonts subset, repeated paragraphs stored once', async () => {
    const letters = Array.from({ length: 40 }, (_, i) => letterWith({ login: `l.wisniewski${i}` }, sampleLetters()[i % 4]));
    const { pdf } = await renderLettersPdf(sampleBatch(letters));
    expect(pdf.length).toBeLessThan(200_000);
    expect(readFileSync(save(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
