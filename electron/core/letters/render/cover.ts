/** The batch's cover: what was printed, by whom, and the letters in handing-out order. */
import { formatDateTimeWordsFr, personName } from '../../../../shared/letters/format';
import type { LetterBatch, LetterData } from '../../../../shared/letters/types';
import { MM, PAGE, drawLine, drawLines, ensureSpace, paragraph, rule, wrap, type Kit, type Line, type Pen } from './pen';

const LEFT = 18 * MM;
const WIDTH = PAGE.width - 2 * LEFT;
const GREY = '#4a4a4a';
const ACCENT = '#1d3b6e';

const COLUMNS = [
  { title: 'N°', width: 26 },
  { title: 'Classe', width: 48 },
  { title: 'Responsable', width: 170 },
  { title: 'Enfants', width: 190 },
  { title: 'Courrier', width: WIDTH - 26 - 48 - 170 - 190 },
] as const;
const ROW = { size: 7.8, leading: 9.6 };

function cells(letter: LetterData, number: number): string[] {
  const g = letter.guardian;
  const kind = letter.kind === 'credentials' ? 'Identifiants' : 'Rappel';
  return [
    String(number),
    letter.children[0]?.division?.trim() || '—',
    [g.civility?.trim(), personName(g.firstName, g.lastName)].filter(Boolean).join(' '),
    letter.children.map((c) => personName(c.firstName, c.lastName) + (c.division ? ` (${c.division.trim()})` : '')).join(', ') || '—',
    letter.reissued ? `${kind}, remplace le précédent` : kind,
  ];
}

function drawRow(pen: Pen, texts: string[], bold: boolean): void {
  const wrapped = texts.map((t, i) => wrap(pen, [{ text: t, style: bold ? 'bold' : 'regular' }], ROW.size, COLUMNS[i]!.width - 4));
  const height = Math.max(...wrapped.map((w) => w.length)) * ROW.leading + 3;
  ensureSpace(pen, height);
  // One text block for the whole row: a thousand-row list is drawn in a few milliseconds.
  const placed: Line[] = [];
  let x = 0;
  wrapped.forEach((lines, i) => {
    lines.forEach((line, j) => {
      const row = (placed[j] ??= { fragments: [], width: 0 });
      for (const f of line.fragments) row.fragments.push({ ...f, dx: f.dx + x });
    });
    x += COLUMNS[i]!.width;
  });
  drawLines(pen, placed, pen.left, pen.y + 1.5, ROW.size, ROW.leading);
  pen.y += height;
  rule(pen, pen.y);
}

/** « 13, dont 12 avec identifiant et mot de passe provisoire et 1 rappel d’identifiant (2 remplacent
 * un courrier précédent) »: after the label « Courriers », so the word is not repeated. */
export function lettersSummary(total: number, credentials: number, reissued: number): string {
  const reminders = total - credentials;
  const replacing = reissued > 1 ? ` (${reissued} remplacent un courrier précédent)` : reissued === 1 ? ' (1 remplace un courrier précédent)' : '';
  return (
    `${total}, dont ${credentials} avec identifiant et mot de passe provisoire et ` +
    `${reminders} rappel${reminders > 1 ? 's' : ''} d’identifiant${replacing}`
  );
}

/** Draws the cover from a fresh page; returns the number of pages it took. */
export function drawCover(kit: Kit, batch: LetterBatch): number {
  const doc = kit.doc;
  let pages = 1;
  const header = () => drawRow(pen, COLUMNS.map((c) => c.title), true);
  const pen: Pen = {
    doc,
    y: 18 * MM,
    top: 18 * MM,
    bottom: PAGE.height - 15 * MM,
    left: LEFT,
    width: WIDTH,
    kit,
    newPage: () => {
      doc.addPage();
      pages++;
      pen.y = 15 * MM;
      paragraph(pen, [{ text: `${batch.title} – liste des courriers (suite)`, style: 'regular' }], { size: 8, leading: 10, color: GREY, after: 4, keep: false });
      header();
    },
  };
  doc.addPage();
  const letters = batch.letters;
  const credentials = letters.filter((l) => l.kind === 'credentials').length;
  const reissued = letters.filter((l) => l.reissued).length;
  const printedAt = formatDateTimeWordsFr(batch.printedAt, batch.school.timeZone) ?? batch.printedAt;

  paragraph(pen, [{ text: 'Courriers de notification – comptes parents', style: 'bold' }], { size: 15, leading: 19, color: ACCENT });
  paragraph(pen, [{ text: batch.title, style: 'bold' }], { size: 12.5, leading: 16, after: 6 });
  const facts: Array<[string, string]> = [
    ['Établissement', [batch.school.name, batch.school.uai ? `(UAI ${batch.school.uai})` : ''].filter(Boolean).join(' ')],
    ['Imprimé le', `${printedAt}, par ${batch.printedBy}`],
    ['Courriers', lettersSummary(letters.length, credentials, reissued)],
  ];
  for (const [k, v] of facts) {
    paragraph(pen, [{ text: `${k} : `, style: 'bold' }, { text: v, style: 'regular' }], { size: 9, leading: 12 });
  }
  pen.y += 6;
  const warn = [
    { text: 'Ces courriers contiennent des mots de passe. ', style: 'bold' as const },
    {
      text: 'Remettez chacun en main propre ou sous enveloppe fermée, dans l’ordre ci-dessous (classe, puis nom). Ne les laissez pas sans surveillance ; détruisez ceux qui ne sont pas distribués. Réimprimer un courrier rend le précédent inutilisable.',
      style: 'regular' as const,
    },
  ];
  const lines = wrap(pen, warn, 8.5, WIDTH - 16);
  const h = lines.length * 11 + 10;
  doc.rect(pen.left, pen.y, WIDTH, h).fill('#ececec');
  lines.forEach((line, i) => drawLine(pen, line, pen.left + 8, pen.y + 5 + i * 11, 8.5));
  pen.y += h + 10;

  if (letters.length === 0) {
    paragraph(pen, [{ text: 'Aucun courrier dans ce lot.', style: 'regular' }], { size: 9, leading: 12 });
    return pages;
  }
  header();
  letters.forEach((letter, i) => drawRow(pen, cells(letter, i + 1), false));
  return pages;
}
