// The `letters` section of `npm run bench`: 1,000 notification letters with QR codes rendered to
// one PDF (one shared activation URL, and a different one per letter), with a same-run baseline:
// pdfkit writing one line of text on as many blank pages.
import PDFDocument from 'pdfkit';
import { renderLettersPdf } from '../../electron/core/letters/render/pdf';
import { sampleBatch, sampleLetters } from '../../electron/core/letters/render/sample';
import type { LetterData } from '../../shared/letters/types';

function letters(count: number, uniqueUrl: boolean): LetterData[] {
  const base = sampleLetters();
  return Array.from({ length: count }, (_, i) => {
    const l = structuredClone(base[i % base.length]!);
    l.guardian.lastName += ` ${i}`;
    l.login += i;
    if (l.temporaryPassword) l.temporaryPassword = `Pw${i}x${(i * 7919) % 10000}`;
    if (uniqueUrl) l.activationUrl = `${l.activationUrl}?l=${encodeURIComponent(l.login)}`;
    return l;
  });
}

async function blankPages(pages: number): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, compress: true });
  let bytes = 0;
  const done = new Promise<void>((resolve) => {
    doc.on('data', (c: Buffer) => void (bytes += c.length));
    doc.on('end', resolve);
  });
  for (let i = 0; i < pages; i++) doc.addPage().text(`Page ${i}`, 50, 50);
  doc.end();
  await done;
  return bytes;
}

const ms = (t: number) => Math.round(performance.now() - t);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runLettersBench(count = 1000, runs = 3) {
  await renderLettersPdf(sampleBatch(sampleLetters())); // warm-up: fonts, modules
  await blankPages(10);
  const out: Record<string, unknown> = { letters: count };
  for (const [name, unique] of [['sharedUrl', false], ['uniqueUrls', true]] as const) {
    const batch = sampleBatch(letters(count, unique));
    const times: number[] = [];
    const cpu: number[] = [];
    let size = 0;
    let pages = 0;
    for (let i = 0; i < runs; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      // CPU time next to wall time: on a shared machine the wall clock also counts other work.
      const c = process.cpuUsage();
      const t = performance.now();
      const r = await renderLettersPdf(batch);
      times.push(ms(t));
      const used = process.cpuUsage(c);
      cpu.push(Math.round((used.user + used.system) / 1000));
      size = r.pdf.length;
      pages = r.pages;
    }
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await blankPages(pages);
      base.push(ms(t));
    }
    out[name] = {
      pages,
      megabytes: Math.round(size / 10_000) / 100,
      renderMs: median(times),
      renderCpuMs: median(cpu),
      baselineBlankPagesMs: median(base),
      ratioToBaseline: Math.round((median(times) / Math.max(1, median(base))) * 100) / 100,
    };
  }
  return out;
}
