// `sesame letters`: prints a batch of notification letters to a PDF file. The temporary passwords
// are only in that file; stdout gets counts, stderr the guardians left out and why (no names of
// children, no passwords).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/app';
import type { LetterSelection } from '../../shared/contract/letters';
import { CliFailure, EXIT } from './errors';
import type { CliIo } from './run';
import { USAGE } from './usage';

interface Deps {
  parse(argv: string[], options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>): { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  openCore(dbPath: string): Promise<Core>;
}

const LETTERS_USAGE = 'Usage : sesame letters --db REGISTRE (--division 6A | --guardian ID | --all-inactive) --out FICHIER.pdf [--reissue] [--json]';

function selectionOf(values: Record<string, unknown>): LetterSelection {
  const division = typeof values.division === 'string' ? values.division : undefined;
  const guardians = Array.isArray(values.guardian) ? values.guardian.filter((g): g is string => typeof g === 'string') : [];
  const all = values['all-inactive'] === true;
  const chosen = [division !== undefined, guardians.length > 0, all].filter(Boolean).length;
  if (chosen !== 1) throw new CliFailure(EXIT.usage, `Choisissez un lot : --division, --guardian ou --all-inactive (un seul).\n\n${LETTERS_USAGE}`);
  if (division !== undefined) return { scope: 'division', division };
  if (guardians.length) return { scope: 'guardians', guardianIds: guardians };
  return { scope: 'inactive' };
}

export async function lettersCommand(argv: string[], io: CliIo, deps: Deps): Promise<number> {
  const { values, positionals } = deps.parse(argv, {
    db: { type: 'string' },
    division: { type: 'string' },
    guardian: { type: 'string', multiple: true },
    'all-inactive': { type: 'boolean' },
    reissue: { type: 'boolean' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new CliFailure(EXIT.usage, `${LETTERS_USAGE}\n\n${USAGE}`);
  const db = values.db;
  if (typeof db !== 'string' || !db) throw new CliFailure(EXIT.usage, `Il manque --db REGISTRE.\n\n${LETTERS_USAGE}`);
  if (!existsSync(db)) throw new CliFailure(EXIT.failure, `Registre introuvable : ${db}`);
  const out = values.out;
  if (typeof out !== 'string' || !out) throw new CliFailure(EXIT.usage, `Il manque --out FICHIER.pdf.\n\n${LETTERS_USAGE}`);
  const selection = selectionOf(values);
  const core = await deps.openCore(path.resolve(db));
  try {
    const r = await core.dispatch('letters.print', { selection, reissue: values.reissue === true });
    if (!r.ok) {
      const excluded = (r.error.details as { excluded?: Array<{ guardianId: string; reason: string }> } | undefined)?.excluded ?? [];
      for (const e of excluded) io.err(`Écarté ${e.guardianId} : ${e.reason}\n`);
      throw new CliFailure(r.error.code === 'invalid_input' ? EXIT.usage : EXIT.failure, r.error.message);
    }
    const file = path.resolve(out);
    mkdirSync(path.dirname(file), { recursive: true });
    // The credentials are issued: the PDF must reach the disk, readable by its owner only.
    writeFileSync(file, Buffer.from(r.value.pdfBase64, 'base64'), { mode: 0o600 });
    for (const e of r.value.excluded) io.err(`Écarté ${e.guardianId} : ${e.reason}\n`);
    await io.out(
      values.json
        ? `${JSON.stringify({ letters: r.value.letters, pages: r.value.pages, file, credentials: r.value.credentials, reminders: r.value.reminders, excluded: r.value.excluded.length })}\n`
        : `${r.value.letters} courrier(s), ${r.value.pages} page(s) : ${file}${r.value.excluded.length ? ` (${r.value.excluded.length} écarté(s), voir ci-dessus)` : ''}\n`,
    );
    return EXIT.ok;
  } finally {
    await core.close();
  }
}
