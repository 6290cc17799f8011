// Preview and print of a letter batch. Order of print: ask the service for account states, issue
// credentials, render the PDF, and only then log the letters in one transaction. The temporary
// passwords live in memory until they are in the PDF bytes; nothing else keeps them.
import { z } from 'zod';
import { AccountsResponse, LettersResponse, MAX_LETTERS_PER_REQUEST, type AccountInfo } from '../../../shared/service-api/school';
import type { LetterExcluded, LetterPlanned, LetterSelection, LettersPreview, LettersPrintOutput, ReplacingDetails } from '../../../shared/contract/letters';
import { replacingOf } from '../../../shared/letters/replacing';
import { sortForDistribution } from '../../../shared/letters/sort';
import type { LetterData } from '../../../shared/letters/types';
import { maskPhone } from '../../../shared/domain/phones';
import type { CoreContext } from '../context';
import type { Register } from '../db/types';
import { AppFailure } from '../errors';
import { loadServiceConfig, schoolApi, ServiceError, type SchoolApi } from './service';
import { renderLettersPdf } from './render/pdf';
import { hasPostalAddress, pickedStudents, selectCandidates, type Candidate } from './select';
import { activationUrlOf, letterSchool, templateOf } from './settings';

export const REASON = {
  noAddress: 'Pas d’adresse postale : complétez l’adresse du responsable.',
  noChildren: 'Aucun enfant inscrit dans l’établissement.',
  notSynced: 'Ce responsable n’a pas encore été synchronisé avec le service de comptes : lancez une synchronisation.',
  merged: 'Compte fusionné avec un autre compte : aucun courrier.',
  blocked: 'Compte bloqué par le service (trop d’essais) : réessayez plus tard.',
  departed: 'Élève parti de l’établissement : pas de courrier pour ses responsables.',
} as const;

const NOT_CONFIGURED = 'Service de comptes non configuré : indiquez son adresse et le jeton de l’établissement dans Synchronisation. Aucun courrier n’a été émis.';

function displayName(c: Candidate): string {
  return [c.civility, c.lastName.toLocaleUpperCase('fr'), c.firstName].filter(Boolean).join(' ');
}

/** `enrolledStudents`: for a students selection, how many of the picked are still enrolled (those
 * who left get no letter and are not counted). */
export function batchTitle(ctx: CoreContext, selection: LetterSelection, candidates: Candidate[], enrolledStudents = 0): string {
  switch (selection.scope) {
    case 'division':
      return `Classe ${selection.division}`;
    case 'inactive':
      return 'Responsables sans compte actif';
    case 'guardians': {
      const only = candidates.length === 1 ? candidates[0] : undefined;
      return only ? `Lettre individuelle – ${displayName(only)}` : `Sélection de ${candidates.length} responsables`;
    }
    case 'students': {
      const n = enrolledStudents;
      return `Responsables de ${n} élève${n > 1 ? 's' : ''} sélectionné${n > 1 ? 's' : ''}`;
    }
  }
  void ctx;
}

interface Planned {
  candidate: Candidate;
  kind: 'credentials' | 'reminder';
  reissued: boolean;
  activeAccount: boolean;
  login: string | null;
}

interface Plan {
  title: string;
  planned: Planned[];
  excluded: LetterExcluded[];
}

/** Local checks, then the service's account states when known. */
function plan(ctx: CoreContext, selection: LetterSelection, reissue: boolean, accounts: Map<string, AccountInfo | null> | null): Plan {
  const candidates = selectCandidates(ctx.db, selection);
  const students = pickedStudents(ctx.db, selection);
  const title = batchTitle(ctx, selection, candidates, students.enrolled);
  const planned: Planned[] = [];
  const excluded: LetterExcluded[] = students.departed.map((s) => ({
    guardianId: '',
    studentId: s.id,
    name: `${s.lastName.toLocaleUpperCase('fr')} ${s.firstName} (élève)`.trim(),
    reason: REASON.departed,
  }));
  for (const c of candidates) {
    const exclude = (reason: string) => excluded.push({ guardianId: c.id, name: displayName(c), reason });
    if (c.children.length === 0) exclude(REASON.noChildren);
    else if (!hasPostalAddress(c.address)) exclude(REASON.noAddress);
    else {
      // No account at the service yet is normal before a first letter; the register tells
      // whether the service has the guardian at all (a sync accepted it).
      const remote = accounts?.get(c.id) ?? null;
      if (!remote && !c.synced) {
        exclude(REASON.notSynced);
        continue;
      }
      const state = remote?.state ?? c.accountState ?? 'none';
      if (state === 'merged') {
        exclude(REASON.merged);
        continue;
      }
      const active = state === 'activated';
      const kind = active && !reissue ? 'reminder' : 'credentials';
      planned.push({
        candidate: c,
        kind,
        reissued: kind === 'credentials' && (c.printedBefore || state === 'notified' || active),
        activeAccount: active,
        login: remote?.login ?? c.login,
      });
    }
  }
  // The distribution order of the printed batch (class of the first child, then name).
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const key = (x: Planned) => x.candidate.children[0]?.division ?? '\uffff';
  planned.sort(
    (a, b) =>
      collator.compare(key(a), key(b)) ||
      collator.compare(a.candidate.lastName, b.candidate.lastName) ||
      collator.compare(a.candidate.firstName, b.candidate.firstName),
  );
  return { title, planned, excluded };
}

function toPlanned(p: Planned): LetterPlanned {
  const divisions = [...new Set(p.candidate.children.map((ch) => ch.division).filter((d): d is string => Boolean(d)))];
  return { guardianId: p.candidate.id, name: displayName(p.candidate), divisions, kind: p.kind, reissued: p.reissued, activeAccount: p.activeAccount };
}

async function fetchAccounts(api: SchoolApi, ids: string[]): Promise<Map<string, AccountInfo | null>> {
  const map = new Map<string, AccountInfo | null>();
  for (let i = 0; i < ids.length; i += MAX_LETTERS_PER_REQUEST) {
    const part = ids.slice(i, i + MAX_LETTERS_PER_REQUEST);
    const data = parseOrProtocol(AccountsResponse, await api.get('/accounts', { guardianIds: part.join(',') }));
    for (const a of data.accounts) map.set(a.guardianId, a.account);
  }
  return map;
}

function parseOrProtocol<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ServiceError('protocol', 'Réponse inattendue du service de comptes (version incompatible ?).');
  return parsed.data;
}

const SCHOOL_NAME_MISSING =
  'Nom de l’établissement manquant : indiquez-le dans Établissement avant d’imprimer (il figure en tête de chaque courrier et dans son texte).';
const ACTIVATION_URL_MISSING = 'Adresse de la page d’activation inconnue : indiquez-la dans Courriers › Modèle.';

/** What must be set before any letter is printed, in French; null when nothing is missing. A
 * letter carries a password that voids the previous one: printing a wrong one costs a reprint. */
export function printBlocker(db: Register): LettersPreview['blocking'] {
  const name = db.get<{ name: string | null }>("SELECT name FROM school WHERE id = 'school'")?.name?.trim();
  if (!name) return { what: 'schoolName', message: SCHOOL_NAME_MISSING };
  if (!activationUrlOf(db)) return { what: 'activationUrl', message: ACTIVATION_URL_MISSING };
  return null;
}

export async function previewLetters(input: { selection: LetterSelection; reissue: boolean }, ctx: CoreContext): Promise<LettersPreview> {
  const local = plan(ctx, input.selection, input.reissue, null);
  const blocking = printBlocker(ctx.db);
  const config = await loadServiceConfig(ctx);
  if (!config) return { title: local.title, letters: local.planned.map(toPlanned), excluded: local.excluded, serviceChecked: false, serviceMessage: NOT_CONFIGURED, blocking };
  const ids = selectCandidates(ctx.db, input.selection).map((c) => c.id);
  const api = schoolApi(config, 15_000);
  try {
    const accounts = ids.length ? await fetchAccounts(api, ids) : new Map<string, AccountInfo | null>();
    const p = plan(ctx, input.selection, input.reissue, accounts);
    return { title: p.title, letters: p.planned.map(toPlanned), excluded: p.excluded, serviceChecked: true, serviceMessage: null, blocking };
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    return { title: local.title, letters: local.planned.map(toPlanned), excluded: local.excluded, serviceChecked: false, serviceMessage: err.message, blocking };
  } finally {
    api.close();
  }
}

// Letters NFD does not split into a base letter and an accent.
const FOLD: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', ħ: 'h', Ħ: 'H' };

function fileSlug(s: string): string {
  return s
    .replace(/[łŁđĐøØßæÆœŒıħĦ]/g, (c) => FOLD[c] ?? c)
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'lot';
}

export function batchFileName(selection: LetterSelection, title: string, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  const what =
    selection.scope === 'division'
      ? selection.division
      : selection.scope === 'inactive'
        ? 'sans-compte-actif'
        : selection.scope === 'students'
          ? 'selection-eleves'
          : title.replace(/^Lettre individuelle – /, '');
  return `courriers-${fileSlug(what)}-${day}.pdf`;
}

/** Refuses, before anything is issued, a batch voiding more letters than the person confirmed. */
export function checkConfirmed(replacing: ReplacingDetails, confirmed: number | undefined): void {
  if (confirmed === undefined || replacing.letters <= confirmed) return;
  const n = replacing.letters;
  throw new AppFailure(
    'conflict',
    `${n > 1 ? `${n} courriers remplaceraient des courriers déjà imprimés` : '1 courrier remplacerait un courrier déjà imprimé'} : confirmez l’impression. Aucun courrier n’a été émis.`,
    replacing,
  );
}

const unavailable = (err: ServiceError, issuedSome: boolean) =>
  new AppFailure(
    'service_unavailable',
    `${err.message} ${issuedSome ? 'Le lot n’a pas été imprimé ni enregistré : relancez l’impression (les mots de passe émis seront remplacés).' : 'Aucun courrier n’a été émis.'}`,
  );

export async function printLetters(input: { selection: LetterSelection; reissue: boolean; confirmedReplacements?: number | undefined }, ctx: CoreContext): Promise<LettersPrintOutput> {
  const config = await loadServiceConfig(ctx);
  if (!config) throw new AppFailure('service_unavailable', NOT_CONFIGURED);
  const blocker = printBlocker(ctx.db);
  if (blocker) throw new AppFailure('invalid_input', blocker.message);
  const activationUrl = activationUrlOf(ctx.db) as string;
  const ids = selectCandidates(ctx.db, input.selection).map((c) => c.id);
  const api = schoolApi(config);
  const letters: LetterData[] = [];
  const logged: Array<{ guardianId: string; kind: 'credentials' | 'reminder'; reissued: boolean; expiresAt: string | null; login: string }> = [];
  let p: Plan;
  let issuedSome = false;
  try {
    const accounts = ids.length ? await fetchAccounts(api, ids) : new Map<string, AccountInfo | null>();
    p = plan(ctx, input.selection, input.reissue, accounts);
    checkConfirmed(replacingOf(p.planned), input.confirmedReplacements);
    const toIssue = p.planned.filter((x) => x.kind === 'credentials');
    const issued = new Map<string, { login: string; temporaryPassword: string; expiresAt: string }>();
    for (let i = 0; i < toIssue.length; i += MAX_LETTERS_PER_REQUEST) {
      const part = toIssue.slice(i, i + MAX_LETTERS_PER_REQUEST);
      const data = parseOrProtocol(
        LettersResponse,
        await api.post('/letters', { guardianIds: part.map((x) => x.candidate.id), reissue: input.reissue || part.some((x) => accounts.get(x.candidate.id)?.state === 'activated') }),
      );
      issuedSome = true;
      for (const r of data.letters) {
        if (r.status === 'issued') issued.set(r.guardianId, { login: r.login, temporaryPassword: r.temporaryPassword, expiresAt: r.expiresAt });
        else {
          const c = part.find((x) => x.candidate.id === r.guardianId)?.candidate;
          const reason = r.code === 'unknown_guardian' ? REASON.notSynced : `Refusé par le service de comptes : ${r.reason}`;
          if (c) p.excluded.push({ guardianId: c.id, name: displayName(c), reason });
        }
      }
    }
    for (const x of p.planned) {
      const c = x.candidate;
      const cred = x.kind === 'credentials' ? issued.get(c.id) : undefined;
      if (x.kind === 'credentials' && !cred) continue;
      const login = cred?.login ?? x.login;
      if (!login) {
        p.excluded.push({ guardianId: c.id, name: displayName(c), reason: 'Identifiant du compte inconnu : lancez une synchronisation.' });
        continue;
      }
      letters.push({
        kind: x.kind,
        guardian: { civility: c.civility, lastName: c.lastName, firstName: c.firstName, address: c.address },
        children: c.children,
        login,
        temporaryPassword: cred?.temporaryPassword ?? null,
        expiresAt: cred?.expiresAt ?? null,
        maskedPhone: c.phone ? maskPhone(c.phone) : null,
        reissued: x.reissued,
        activationUrl,
      });
      logged.push({ guardianId: c.id, kind: x.kind, reissued: x.reissued, expiresAt: cred?.expiresAt ?? null, login });
    }
  } catch (err) {
    if (err instanceof ServiceError) throw unavailable(err, issuedSome);
    throw err;
  } finally {
    api.close();
  }

  if (letters.length === 0) {
    throw new AppFailure('invalid_input', nothingToPrint(p.excluded), { excluded: p.excluded });
  }
  // Sorting keeps the log in the PDF's order; the map links each letter to its guardian.
  const byLetter = new Map(letters.map((l, i) => [l, logged[i]!]));
  const sorted = sortForDistribution(letters);
  const now = ctx.clock.now();
  const printedBy = ctx.actor();
  const { pdf, pages } = await renderLettersPdf({
    school: letterSchool(ctx.db),
    title: p.title,
    printedAt: now.toISOString(),
    printedBy,
    letters: sorted,
    template: templateOf(ctx.db),
  });

  const batchId = ctx.ids();
  const at = now.toISOString();
  const entries = sorted.map((l) => byLetter.get(l)!);
  const letterIds = entries.map(() => ctx.ids());
  await ctx.db.write((tx) => {
    entries.forEach((e, i) => {
      tx.run(
        'INSERT INTO letter (id, guardian_id, batch_id, printed_at, printed_by, expires_at, kind, reissued, batch_title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [letterIds[i]!, e.guardianId, batchId, at, printedBy, e.expiresAt, e.kind, e.reissued ? 1 : 0, p.title],
      );
      if (e.kind === 'credentials') {
        // The register mirrors the service: notified until the feed says otherwise.
        tx.run(
          `INSERT INTO account (guardian_id, login, state, letter_expires_at, updated_at) VALUES (?, ?, 'notified', ?, ?)
           ON CONFLICT (guardian_id) DO UPDATE SET login = excluded.login,
             state = CASE WHEN account.state = 'activated' THEN account.state ELSE 'notified' END,
             letter_expires_at = excluded.letter_expires_at, updated_at = excluded.updated_at`,
          [e.guardianId, e.login, e.expiresAt, at],
        );
      }
    });
  });

  const credentials = entries.filter((e) => e.kind === 'credentials').length;
  return {
    batchId,
    title: p.title,
    fileName: batchFileName(input.selection, p.title, now),
    pdfBase64: Buffer.from(pdf).toString('base64'),
    letters: sorted.length,
    credentials,
    reminders: sorted.length - credentials,
    pages,
    excluded: p.excluded,
  };
}

/** Why nothing prints, in the words of the preview: one person's reason, or the first few. */
export function nothingToPrint(excluded: ReadonlyArray<{ name: string; reason: string }>): string {
  if (excluded.length === 0) return 'Aucun courrier à imprimer dans ce lot.';
  if (excluded.length === 1) return `Aucun courrier à imprimer pour ${excluded[0]!.name} — ${excluded[0]!.reason}`;
  const shown = excluded.slice(0, 3).map((x) => `${x.name} (${x.reason.replace(/[.\s]+$/, '')})`);
  const more = excluded.length > 3 ? ` et ${excluded.length - 3} autre${excluded.length - 3 > 1 ? 's' : ''}` : '';
  return `Aucun courrier à imprimer : ${excluded.length} responsables écartés, dont ${shown.join(' ; ')}${more}.`;
}
