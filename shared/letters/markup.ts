/**
 * Parses the template's light markup into blocks, before placeholders are filled, so that a value
 * (a name with "**" or "- " in it) can never turn into markup.
 */

export interface Run {
  text: string;
  bold: boolean;
}

export type Block =
  | { kind: 'heading'; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'bullet'; runs: Run[] }
  | { kind: 'step'; label: string; runs: Run[] }
  /** A line holding only {{enfants}}: the list of children, drawn by code. */
  | { kind: 'children' };

function runs(line: string): Run[] {
  const parts = line.split('**');
  const out: Run[] = [];
  parts.forEach((text, i) => {
    // An unclosed ** is shown as typed rather than swallowing the rest of the line.
    const unclosed = i === parts.length - 1 && parts.length % 2 === 0;
    if (unclosed) out.push({ text: `**${text}`, bold: false });
    else if (text !== '') out.push({ text, bold: i % 2 === 1 });
  });
  return out;
}

export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of String(text ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^\{\{\s*enfants\s*\}\}$/.test(line)) blocks.push({ kind: 'children' });
    else if (line.startsWith('## ')) blocks.push({ kind: 'heading', runs: runs(line.slice(3).trim()) });
    else if (/^[-•]\s+/.test(line)) blocks.push({ kind: 'bullet', runs: runs(line.replace(/^[-•]\s+/, '')) });
    else {
      const step = /^(\d{1,2})[.)]\s+(.*)$/.exec(line);
      if (step) blocks.push({ kind: 'step', label: `${step[1]}.`, runs: runs(step[2] ?? '') });
      else blocks.push({ kind: 'paragraph', runs: runs(line) });
    }
  }
  return blocks;
}
