// Notification letters: who gets one (preview), printing (credentials issued by the account
// service, one PDF), the per-guardian log, and the editable template with the letterhead.
// The temporary password exists only inside the returned PDF bytes.
import { z } from 'zod';
import { read, write } from './define';

const Id = z.string().min(1).max(100);

/** Most people a hand-picked batch may hold (a whole school goes through « sans compte actif »). */
export const MAX_SELECTION = 5000;

/** « Tout sélectionner » beyond MAX_SELECTION rows: said by the lists and by letters.selectable. */
export const TOO_MANY_SHOWN = `Plus de ${MAX_SELECTION.toLocaleString('fr-FR')} lignes affichées : affinez la recherche avant de tout sélectionner (pour tous les responsables sans compte actif, passez par la page Courriers).`;

export const LetterSelection = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('division'), division: z.string().trim().min(1).max(40) }),
  z.object({ scope: z.literal('inactive') }),
  z.object({ scope: z.literal('guardians'), guardianIds: z.array(Id).min(1).max(MAX_SELECTION) }),
  /** Picked in the students list: the letters go to these students' guardians. */
  z.object({ scope: z.literal('students'), studentIds: z.array(Id).min(1).max(MAX_SELECTION) }),
]);
export type LetterSelection = z.infer<typeof LetterSelection>;

export const LettersInput = z.object({
  selection: LetterSelection,
  /** Staff ask for new credentials even for an active account (voids the previous password). */
  reissue: z.boolean().default(false),
});

/** What a batch would void, when letters.print refuses it unconfirmed (the conflict's details). */
export const ReplacingDetails = z.object({
  /** Letters replacing a previous one: its password stops working. */
  letters: z.number().int().min(0),
  /** Of those, accounts already activated (a reissue asked for): their current password stops working. */
  activeAccounts: z.number().int().min(0),
});
export type ReplacingDetails = z.infer<typeof ReplacingDetails>;

export const LettersPrintInput = LettersInput.extend({
  /** How many replacing letters the person confirmed. When given, the core refuses (conflict, with
   * ReplacingDetails) a batch that would replace more, before issuing anything: a stale preview or a
   * second click never voids printed letters unasked. Absent (command line): no check. */
  confirmedReplacements: z.number().int().min(0).optional(),
});

export const LetterPlanned = z.object({
  guardianId: z.string(),
  /** « Mme DUPONT Marie » */
  name: z.string(),
  /** Divisions of the children, for sorting and display. */
  divisions: z.array(z.string()),
  kind: z.enum(['credentials', 'reminder']),
  /** A previous letter exists: the new one voids its password. */
  reissued: z.boolean(),
  /** The account is already activated (a reminder, unless a reissue was asked for). */
  activeAccount: z.boolean(),
});
export type LetterPlanned = z.infer<typeof LetterPlanned>;

export const LetterExcluded = z.object({
  /** Empty for a student row (studentId set). */
  guardianId: z.string(),
  /** A student picked in the students list who left: no letter goes out for them. */
  studentId: z.string().optional(),
  name: z.string(),
  reason: z.string(),
});
export type LetterExcluded = z.infer<typeof LetterExcluded>;

export const LettersPreview = z.object({
  title: z.string(),
  letters: z.array(LetterPlanned),
  excluded: z.array(LetterExcluded),
  /** Whether the account service answered (otherwise account states are the register's). */
  serviceChecked: z.boolean(),
  /** Why the service could not be asked, in French; null when it answered. */
  serviceMessage: z.string().nullable(),
  /** What must be set before printing (the school's name, the activation page), in French; null: nothing. */
  blocking: z.object({ what: z.enum(['schoolName', 'activationUrl']), message: z.string() }).nullable(),
});
export type LettersPreview = z.infer<typeof LettersPreview>;

export const LettersPrintOutput = z.object({
  batchId: z.string(),
  title: z.string(),
  /** Suggested file name, e.g. courriers-6A-2026-11-25.pdf */
  fileName: z.string(),
  /** The PDF (base64): the only place the temporary passwords exist. Empty in Electron: the main
   * process keeps the bytes and prints or saves them by batchId (bridge.ts, ADR 011). */
  pdfBase64: z.string(),
  letters: z.number().int(),
  credentials: z.number().int(),
  reminders: z.number().int(),
  pages: z.number().int(),
  excluded: z.array(LetterExcluded),
});
export type LettersPrintOutput = z.infer<typeof LettersPrintOutput>;

export const LetterLogEntry = z.object({
  id: z.string(),
  batchId: z.string(),
  title: z.string().nullable(),
  printedAt: z.string(),
  printedBy: z.string(),
  expiresAt: z.string().nullable(),
  kind: z.enum(['credentials', 'reminder']),
  reissued: z.boolean(),
});
export type LetterLogEntry = z.infer<typeof LetterLogEntry>;

const Text = z.string().max(5000);
export const LetterTemplateSchema = z.object({
  service: z.string().max(100),
  subjectCredentials: Text,
  subjectReminder: Text,
  greeting: Text,
  introCredentials: Text,
  introReminder: Text,
  reissued: Text,
  stepsCredentials: Text,
  stepsReminder: Text,
  selfRegistration: Text,
  selfRegistrationNoPhone: Text,
  help: Text,
  closing: Text,
});

const Opt = (max: number) => z.string().trim().max(max).nullable();
export const Letterhead = z.object({
  signatory: Opt(200),
  phone: Opt(40),
  address: Opt(500),
  city: Opt(100),
  activationUrl: Opt(500),
});
export type Letterhead = z.infer<typeof Letterhead>;

export const LetterSettings = z.object({
  template: LetterTemplateSchema,
  /** The template is the French default (nothing saved). */
  isDefault: z.boolean(),
  letterhead: Letterhead,
  /** Where the QR code points, after defaults. */
  activationUrl: z.string().nullable(),
});
export type LetterSettings = z.infer<typeof LetterSettings>;

/** « Tout sélectionner » in a list: the ids of every row the list's filters show. */
export const SelectableInput = z.discriminatedUnion('list', [
  z.object({ list: z.literal('guardians'), query: z.string().max(200).default('') }),
  z.object({
    list: z.literal('students'),
    query: z.string().max(200).default(''),
    division: z.string().nullable().default(null),
    status: z.enum(['enrolled', 'left', 'all']).default('enrolled'),
  }),
]);

export const lettersContract = {
  'letters.preview': read(LettersInput, LettersPreview),
  /** Kind 'read' like sync.run: it waits on the network and must not hold the write queue; its
   * only write (the letter log) is one short transaction after the PDF is rendered. */
  'letters.print': read(LettersPrintInput, LettersPrintOutput),
  /** Fails (invalid_input) beyond MAX_SELECTION rows: the list must be narrowed first. */
  'letters.selectable': read(SelectableInput, z.object({ ids: z.array(z.string()).max(MAX_SELECTION) })),
  'letters.log': read(z.object({ guardianId: Id }), z.object({ entries: z.array(LetterLogEntry) })),
  'letters.template.get': read(z.object({}), LetterSettings),
  'letters.template.set': write(
    z.object({ template: LetterTemplateSchema.nullable(), letterhead: Letterhead }),
    LetterSettings,
  ),
} as const;
