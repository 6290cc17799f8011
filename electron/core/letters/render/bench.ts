/**
 * `npx tsx electron/core/letters/render/bench.ts [letters]`: prints JSON figures for rendering a
 * batch of letters with QR codes, with a same-run baseline (pdfkit writing one line on as many
 * pages) so that a busy machine still compares. Targets: 1,000 letters under 2 s, under 3 MB.
 */
import PDFDocument from 'pdfkit';
import type { LetterData } from '../../../../shared/letters/types';
import { renderLettersPdf } from './pdf';
import { sampleBatch, sampleLetters } from './sample';

const count = Number(process.argv[2] ?? 1000);

function letters(uniqueUrl: boolean): LetterData[] {
  const base = sampleLetters();
  return Array.from({ length: count }, (_, i) => {
    const l = structuredClone(base[i % base.length]!);
    l.guardian.lastName += ` ${i}`;
    l.login += i;
    if (l.temporaryPassword) l.temporaryPassword = `Pw${i}x${(i * 7919) % 10000}`;
    // Worst case: a different activation URL (so a different QR code) on every letter.
    if (uniqueUrl) l.activationUrl = `${l.activationUrl}?l=${encodeURIComponent(l.login)}`;
    return l;
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  global.gc?.();
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: Math.round(performance.now() - t), cpuMs: Math.round((used.user + used.system) / 1000) };
}

async function baseline(pages: number): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, compress: true });
  const done = new Promise<void>((resolve) => {
    doc.on('data', () => undefined);
    doc.on('end', resolve);
  });
  for (let i = 0; i < pages; i++) doc.addPage().text(`Page ${i}`, 50, 50);
  doc.end();
  await done;
  return pages;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm-up: module loading, font parsing.
await renderLettersPdf(sampleBatch(sampleLetters()));
await baseline(10);

const figures: Record<string, unknown> = { letters: count };
for (const [name, unique] of [
  ['sharedUrl', false],
  ['uniqueUrls', true],
] as const) {
  const batch = sampleBatch(letters(unique));
  const runs: Array<Awaited<ReturnType<typeof timed<{ pdf: Uint8Array; pages: number }>>>> = [];
  for (let i = 0; i < 3; i++) runs.push(await timed(() => renderLettersPdf(batch)));
  const base: Array<{ wallMs: number }> = [];
  for (let i = 0; i < 3; i++) base.push(await timed(() => baseline(runs[0]!.value.pages)));
  const wall = median(runs.map((r) => r.wallMs));
  const baseWall = median(base.map((r) => r.wallMs));
  figures[name] = {
    pages: runs[0]!.value.pages,
    megabytes: Math.round(runs[0]!.value.pdf.length / 10_000) / 100,
    wallMs: wall,
    cpuMs: median(runs.map((r) => r.cpuMs)),
    baselineWallMs: baseWall,
    ratioToBaseline: Math.round((wall / baseWall) * 100) / 100,
  };
}
console.log(JSON.stringify(figures, null, 2));
