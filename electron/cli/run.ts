// The `sesame` command line: the same core as the app, called directly.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PrepareOutput } from '../../shared/contract/import';
import type { Result } from '../../shared/contract';
import { createCore, type Core } from '../core/app';
import { exportRegisterJson } from '../core/export/export';
import { AppFailure } from '../core/errors';
import { CliFailure, EXIT } from './errors';
import { humanReport, reportFromPlan, reportFromSummary } from './format';
import { parseMappingText, toContractMapping, type ContractMapping } from './mapping';
import { fieldLabel } from '../../shared/import/fields';
import { USAGE } from './usage';
import { joinDashValues } from './args';
import { configCommand, syncCommand } from './sync';
import { lettersCommand } from './letters';
import { anomaliesCommand } from './anomalies';
import { editCommand } from './edit';

export interface CliIo {
  /** Resolves once the text is flushed (a large export must not be cut by the exit). */
  out(text: string): Promise<void>;
  err(text: string): void;
}

type OptionSpecs = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(argv: string[], options: OptionSpecs) {
  try {
    return parseArgs({ args: joinDashValues(argv, options as Record<string, { type: 'string' | 'boolean' }>), options, strict: true, allowPositionals: true });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : '';
    throw new CliFailure(EXIT.usage, `Option invalide${detail ? ` (${detail})` : ''}.\n\n${USAGE}`);
  }
}

async function openCore(dbPath: string): Promise<Core> {
  try {
    return await createCore({
      dbPath,
      onInternalError: (name) => {
        // Only the call's name: the error may quote personal data.
        process.stderr.write(`Erreur interne pendant ${name}.\n`);
      },
    });
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (process.env.SESAME_DEBUG === '1') console.error(err);
    if (code === 'locked') {
      throw new CliFailure(
        EXIT.locked,
        err instanceof Error && err.message ? err.message : 'Le registre est utilisé par un autre programme Sésame.',
      );
    }
    // The register's own failures carry a French message naming the file and what to do.
    if (err instanceof AppFailure) throw new CliFailure(EXIT.failure, err.message);
    throw new CliFailure(EXIT.failure, `Le registre ${dbPath} n’a pas pu être ouvert.`);
  }
}

/** A failed call becomes a CliFailure with the core's French message. */
function unwrap<T>(result: Result<T>, unusableCodes: readonly string[] = []): T {
  if (result.ok) return result.value;
  const code = unusableCodes.includes(result.error.code) ? EXIT.unusableFile : EXIT.failure;
  throw new CliFailure(code, result.error.message);
}

const UNUSABLE = ['unusable_file', 'mapping_required', 'invalid_input'] as const;

function readImportFile(file: string): { name: string; contentBase64: string } {
  if (!existsSync(file)) throw new CliFailure(EXIT.unusableFile, `Fichier introuvable : ${file}`);
  if (!statSync(file).isFile()) throw new CliFailure(EXIT.unusableFile, `${file} n’est pas un fichier.`);
  return { name: path.basename(file), contentBase64: readFileSync(file).toString('base64') };
}

function missingColumnsMessage(prepared: PrepareOutput): string {
  const lines = ['Colonnes obligatoires introuvables :'];
  for (const f of prepared.files) {
    if (f.missingRequired.length) {
      lines.push(`  ${f.name} : ${f.missingRequired.map((field) => `« ${fieldLabel(field)} » (${field})`).join(', ')}`);
    }
  }
  lines.push('Indiquez-les avec --mapping CORRESPONDANCE.json, par exemple {"Nom de l’élève": "student.lastName"}.');
  return lines.join('\n');
}

async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    mapping: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    'mark-left': { type: 'boolean' },
  });
  const dbPath = values.db as string | undefined;
  if (!dbPath) throw new CliFailure(EXIT.usage, `Il manque --db REGISTRE.\n\n${USAGE}`);
  if (positionals.length < 1 || positionals.length > 2) {
    throw new CliFailure(EXIT.usage, `Indiquez un ou deux fichiers à importer.\n\n${USAGE}`);
  }
  const files = positionals.map(readImportFile);
  const mappingPath = values.mapping as string | undefined;
  let mapping: ContractMapping | undefined;
  if (mappingPath !== undefined) {
    if (!existsSync(mappingPath)) throw new CliFailure(EXIT.unusableFile, `Fichier de correspondance introuvable : ${mappingPath}`);
    const label = path.basename(mappingPath);
    mapping = toContractMapping(parseMappingText(readFileSync(mappingPath, 'utf8'), label), files.map((f) => f.name), label);
  }
  const dryRun = values['dry-run'] === true;
  const markLeft = values['mark-left'] === true;
  const multiFile = files.length > 1;

  mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const core = await openCore(path.resolve(dbPath));
  let token: string | null = null;
  try {
    const prepared = unwrap(await core.dispatch('import.prepare', mapping ? { files, mapping } : { files }), UNUSABLE);
    token = prepared.token;
    if (prepared.needsMapping || !prepared.plan) throw new CliFailure(EXIT.unusableFile, missingColumnsMessage(prepared));
    const plan = prepared.plan;
    const notes = {
      dryRun,
      absentNotMarked: markLeft || !plan.fullExport ? 0 : plan.absent.length,
      conflictsKept: plan.conflicts.length,
      lookAlikes: plan.lookAlikes.length,
    };

    if (dryRun) {
      const report = reportFromPlan(plan, markLeft, multiFile);
      await core.dispatch('import.cancel', { token });
      token = null;
      await io.out(values.json ? `${JSON.stringify(report)}\n` : humanReport(report, notes));
      return EXIT.ok;
    }

    // Conflicts keep the staff's corrections: the CLI never chooses the file's value.
    const summary = unwrap(await core.dispatch('import.commit', { token, markAbsentAsLeft: markLeft, conflictChoices: {} }));
    token = null;
    const report = reportFromSummary(summary, multiFile);
    await io.out(values.json ? `${JSON.stringify(report)}\n` : humanReport(report, notes));
    return EXIT.ok;
  } finally {
    if (token) await core.dispatch('import.cancel', { token });
    await core.close();
  }
}

async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const dbPath = values.db as string | undefined;
  if (!dbPath || positionals.length > 0) throw new CliFailure(EXIT.usage, `Usage : sesame export --db REGISTRE --json\n\n${USAGE}`);
  if (!values.json) throw new CliFailure(EXIT.usage, `Seul le format JSON est disponible : ajoutez --json.\n\n${USAGE}`);
  // Exporting must not create an empty register by mistake.
  if (!existsSync(dbPath)) throw new CliFailure(EXIT.failure, `Registre introuvable : ${dbPath}`);
  const core = await openCore(path.resolve(dbPath));
  let text: string;
  try {
    text = exportRegisterJson(core.db);
  } finally {
    await core.close();
  }
  await io.out(`${text}\n`);
  return EXIT.ok;
}

/** Runs one command and returns its exit code; never throws, never prints a stack trace
 * unless SESAME_DEBUG=1. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'import':
        return await importCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'config':
        return await configCommand(rest, io, { parse, openCore });
      case 'sync':
        return await syncCommand(rest, io, { parse, openCore });
      case 'letters':
        return await lettersCommand(rest, io, { parse, openCore });
      case 'anomalies':
        return await anomaliesCommand(rest, io, { parse, openCore });
      case 'edit':
        return await editCommand(rest, io, { parse, openCore });
      case 'help':
      case '--help':
      case '-h':
        await io.out(`${USAGE}\n`);
        return EXIT.ok;
      default:
        io.err(`${command ? `Commande inconnue : ${command}\n\n` : ''}${USAGE}\n`);
        return EXIT.usage;
    }
  } catch (err) {
    if (err instanceof CliFailure) {
      io.err(`${err.message}\n`);
      return err.exitCode;
    }
    if (process.env.SESAME_DEBUG === '1') console.error(err);
    io.err('Erreur interne de Sésame : rien n’a été enregistré. Relancez avec SESAME_DEBUG=1 pour le détail.\n');
    return EXIT.failure;
  }
}
