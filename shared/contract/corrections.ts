// Corrections of parents' and children's data: who acts, edits with history, the anomalies desk
// ("À corriger"), guardian merges and splits, and the "ce n'est pas mon enfant" desk.
//
// Conventions for every write below:
// - input breaking the zod schema (wrong type, too long) → `invalid_input` from the dispatcher with
//   `details: [{ path, message }]`;
// - input the domain rules refuse → error `invalid_input`, French `message`, `details: FieldErrorDetails`
//   (`field` = first field at fault, `fields` = every field at fault with its own message), so the
//   UI puts each message next to its field; nothing is written;
// - a stale `baseVersion` → error `conflict`, `details: { current }` with the record as it is now;
// - each call is one transaction (audit + outbox included), durable before it answers, and is
//   followed by a `register.changed` event.
import { z } from 'zod';
import { read, write } from './define';

// ───────────────────────── shared pieces ─────────────────────────

/** One field refused by validation. `field` names the input key (`phone`, `lastName`, `links.0.relation`…). */
export const FieldError = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;
/** `details` of an `invalid_input` error from these calls. */
export const FieldErrorDetails = z.object({ field: z.string(), fields: z.array(FieldError) });
export type FieldErrorDetails = z.infer<typeof FieldErrorDetails>;

/** Accepted but worth a look (a fixed line as mobile, a probable email typo, an implausible age). */
export const FieldWarning = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type FieldWarning = z.infer<typeof FieldWarning>;

/** Where a change came from. */
export const ChangeSource = z.enum(['import', 'edit', 'sync', 'report']);

const Id = z.string().min(1).max(100);
const Version = z.number().int().min(0);
const Text = (max: number) => z.string().max(max);

// ───────────────────────── staff: who acts ─────────────────────────

export const StaffMember = z.object({ id: z.string(), name: z.string(), active: z.boolean() });
export type StaffMember = z.infer<typeof StaffMember>;

/** The person acting in this Sésame session; every change carries `name`. */
export const Session = z.object({ actor: StaffMember.nullable() });
export type Session = z.infer<typeof Session>;

// ───────────────────────── guardian edits ─────────────────────────

export const EditAddress = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
});

/** A guardian's link to a child, as the edit form shows it. */
export const EditLink = z.object({
  linkId: z.string(),
  studentId: z.string(),
  /** "NOM Prénom (classe)". */
  studentLabel: z.string(),
  studentStatus: z.enum(['enrolled', 'left']),
  /** One of RELATION_LABELS (shared/domain) or null. */
  relation: z.string().nullable(),
  /** 1 or 2: legal guardian (responsable légal) and their rank; 0: other contact. */
  legalRank: z.number().int(),
});
export type EditLink = z.infer<typeof EditLink>;

/** Everything the guardian form needs, with the version to send back as `baseVersion`. */
export const GuardianForm = z.object({
  id: z.string(),
  version: z.number().int(),
  civility: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  /** E.164 or null. */
  phone: z.string().nullable(),
  /** Human form of `phone` ("06 12 34 56 78", "+262 692 12 34 56"). */
  phoneDisplay: z.string().nullable(),
  /** ISO 3166 alpha-2 the country selector should show for this phone (from the number, else the address, else FR). */
  phoneCountry: z.string(),
  /** What was typed when no valid phone could be read from it (kept so nothing is lost). */
  phoneRaw: z.string().nullable(),
  phoneKind: z.enum(['mobile', 'fixed', 'other']).nullable(),
  email: z.string().nullable(),
  emailRaw: z.string().nullable(),
  /** A probable typo fix of the email's domain, never applied without the person's confirmation. */
  emailSuggestion: z.string().nullable(),
  address: EditAddress,
  links: z.array(EditLink),
  updatedAt: z.string(),
});
export type GuardianForm = z.infer<typeof GuardianForm>;

/** The mobile phone as a person gives it: what they typed plus the country they chose for its code. */
export const PhoneInput = z.object({
  raw: Text(60),
  /** ISO 3166 alpha-2 chosen in the country selector (see `phone.countries`); null: guessed from the address. */
  country: z.string().length(2).nullable().default(null),
});

/** Fields to change; absent keys are left as they are; null clears (not allowed for names). */
export const GuardianChanges = z
  .object({
    civility: Text(30).nullable(),
    lastName: Text(200),
    firstName: Text(200),
    /** null removes the phone. */
    phone: PhoneInput.nullable(),
    /** null removes the email. */
    email: Text(320).nullable(),
    address: EditAddress.partial(),
  })
  .partial();
export type GuardianChanges = z.infer<typeof GuardianChanges>;

export const PhoneCountry = z.object({
  code: z.string(),
  /** "France (+33)", "La Réunion (+262)", "Belgique (+32)". */
  label: z.string(),
  callingCode: z.string(),
  /** The first entries (France and its overseas territories, neighbours) are the frequent ones. */
  frequent: z.boolean(),
});

export const PhonePreview = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    e164: z.string(),
    display: z.string(),
    /** The E.164 number grouped for reading: "+33 6 12 34 56 78". */
    international: z.string(),
    kind: z.enum(['mobile', 'fixed', 'other']),
    region: z.string(),
    /** "La Réunion (+262)". */
    regionLabel: z.string(),
    /** Accepted but to check: corrected country code, missing leading 0, not a mobile, other country than chosen. */
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type PhonePreview = z.infer<typeof PhonePreview>;

export const SaveResult = z.object({
  /** New version to send as the next `baseVersion`. */
  version: z.number().int(),
  /** Audit entries written (0: nothing changed, nothing written). */
  changes: z.number().int(),
  warnings: z.array(FieldWarning),
});

// ───────────────────────── student edits ─────────────────────────

export const StudentForm = z.object({
  id: z.string(),
  version: z.number().int(),
  ine: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  /** ISO date or null. */
  birthDate: z.string().nullable(),
  /** What was typed when it could not be read as a date. */
  birthDateRaw: z.string().nullable(),
  division: z.string().nullable(),
  status: z.enum(['enrolled', 'left']),
  guardians: z.array(
    z.object({ linkId: z.string(), guardianId: z.string(), guardianLabel: z.string(), relation: z.string().nullable(), legalRank: z.number().int() }),
  ),
  updatedAt: z.string(),
});
export type StudentForm = z.infer<typeof StudentForm>;

export const StudentChanges = z
  .object({
    lastName: Text(200),
    firstName: Text(200),
    /** As typed ("03/05/2014", "3 mai 2014", "2014-05-03"). Required: null or empty is refused. */
    birthDate: Text(40).nullable(),
    division: Text(30).nullable(),
    status: z.enum(['enrolled', 'left']),
  })
  .partial();
export type StudentChanges = z.infer<typeof StudentChanges>;

// ───────────────────────── history ─────────────────────────

export const HistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  source: ChangeSource,
  entity: z.string(),
  entityId: z.string(),
  /** Column name (`phone`, `birth_date`, `legal_rank`, `*` for a creation or deletion, `merge`, `split`). */
  field: z.string(),
  /** French label of the field ("Portable", "Date de naissance", "Rattachement"). */
  fieldLabel: z.string(),
  /** Old and new values as text (JSON for `*` rows). */
  old: z.string().nullable(),
  new: z.string().nullable(),
  /**
   * `old` and `new` as a secretary reads them: « 06 12 34 56 78 », « 03/05/2014 », names instead of
   * ids, links as « Mère, responsable légal 1 » / « retiré ». null: nothing there (shown « — »).
   */
  oldDisplay: z.string().nullable(),
  newDisplay: z.string().nullable(),
  /** For link rows: the other side of the link, e.g. the child's label on a guardian's history. */
  about: z.string().nullable(),
  /** False for creations by import, merges (use `guardians.split`) and rows whose record is gone. */
  revertible: z.boolean(),
  /** Written by « Annuler cette modification » (`history.revert`): shown as an undo, not an edit. */
  undo: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

// ───────────────────────── anomalies desk ─────────────────────────

/** Stable names, documented in README ("sesame anomalies"). */
export const AnomalyKind = z.enum([
  'guardian.no_mobile',
  'guardian.invalid_mobile',
  'guardian.no_email',
  'guardian.invalid_email',
  'guardian.email_typo',
  'guardian.shared_contact',
  'guardian.look_alike',
  'guardian.name_variants',
  'student.invalid_birth_date',
  'student.implausible_birth_date',
  'student.no_legal_guardian',
  'student.two_rank1',
]);
export type AnomalyKind = z.infer<typeof AnomalyKind>;

/** A fix the desk can apply: the new value, for a person to confirm (or in bulk where safe). */
export const AnomalySuggestion = z.object({
  field: z.enum(['phone', 'email']),
  value: z.string(),
  display: z.string(),
  /** True when it may be applied in bulk (a raw value that now reads cleanly); false: per-item confirmation. */
  safe: z.boolean(),
});

export const Anomaly = z.object({
  /** Stable per anomaly (kind + ids): use it to dismiss or to confirm a suggestion. */
  key: z.string(),
  kind: AnomalyKind,
  message: z.string(),
  students: z.array(z.string()),
  guardians: z.array(z.string()),
  suggestion: AnomalySuggestion.nullable(),
});
export type Anomaly = z.infer<typeof Anomaly>;

/** A list entry, with labels for display and where to fix it. */
export const AnomalyEntry = Anomaly.extend({
  subjects: z.array(z.object({ entity: z.enum(['student', 'guardian']), id: z.string(), label: z.string() })),
  /** Where the fix happens: the record's edit form, or the merge screen for look-alikes. */
  fix: z.object({
    action: z.enum(['editGuardian', 'editStudent', 'mergeGuardians', 'editLinks']),
    entity: z.enum(['student', 'guardian']),
    id: z.string(),
    /** For `mergeGuardians`: the other record. */
    otherId: z.string().nullable(),
    /** Field to focus in the form, e.g. `phone`, `birthDate`. */
    field: z.string().nullable(),
  }),
  /** Kinds a person may declare fine (look-alikes of different people, a real unusual domain). */
  dismissible: z.boolean(),
});
export type AnomalyEntry = z.infer<typeof AnomalyEntry>;

export const AnomalySummary = z.object({
  total: z.number().int(),
  /** Every kind, 0 included, in desk order. */
  kinds: z.array(
    z.object({
      kind: AnomalyKind,
      label: z.string(),
      count: z.number().int(),
      bulk: z.boolean(),
      /** Entries of the kind (not dismissed) whose suggestion is safe: what a bulk apply would fix. */
      safe: z.number().int(),
    }),
  ),
  dismissed: z.number().int(),
});
export type AnomalySummary = z.infer<typeof AnomalySummary>;

// ───────────────────────── merge ─────────────────────────

/** Field groups a merge chooses: each takes the kept record's value or the merged record's. */
export const MergeField = z.enum(['civility', 'lastName', 'firstName', 'phone', 'email', 'address']);
export type MergeField = z.infer<typeof MergeField>;
export const MergeChoice = z.enum(['keep', 'merge']);

export const MergePreview = z.object({
  keep: GuardianForm,
  merge: GuardianForm,
  fields: z.array(
    z.object({
      field: MergeField,
      label: z.string(),
      keepValue: z.string().nullable(),
      mergeValue: z.string().nullable(),
      same: z.boolean(),
      /** The choice if none is sent: the kept value unless it is empty and the other is not. */
      suggested: MergeChoice,
    }),
  ),
  /** Children linked to both: one link is kept (relation and rank of the kept record, else the other's). */
  sharedStudents: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type MergePreview = z.infer<typeof MergePreview>;

export const MergeRecord = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  keepId: z.string(),
  mergedId: z.string(),
  /** Name of the merged record as it was. */
  mergedLabel: z.string(),
  state: z.enum(['merged', 'split']),
  splitAt: z.string().nullable(),
  splitBy: z.string().nullable(),
});
export type MergeRecord = z.infer<typeof MergeRecord>;

// ───────────────────────── reports ("ce n'est pas mon enfant") ─────────────────────────

export const ReportState = z.enum(['open', 'resolved', 'rejected']);
export const ReportResolutionKind = z.enum(['unlink', 'move', 'correct', 'reject']);

export const ReportRow = z.object({
  id: z.string(),
  source: z.enum(['service', 'phone', 'counter']),
  state: ReportState,
  createdAt: z.string(),
  /** Whole hours since the report arrived; the desk shows it and sorts open ones oldest first. */
  ageHours: z.number().int(),
  /** "3 j", "5 h": the age as the desk shows it. */
  ageLabel: z.string(),
  guardian: z.object({ id: z.string(), label: z.string() }).nullable(),
  student: z.object({ id: z.string(), label: z.string(), division: z.string().nullable() }).nullable(),
  /** Whether the reported link is still in the register. */
  linkExists: z.boolean(),
  comment: z.string().nullable(),
  recordedBy: z.string().nullable(),
  resolution: ReportResolutionKind.nullable(),
  /** Reason given to the parent (reject) or a staff note. */
  resolutionNote: z.string().nullable(),
  movedToGuardianId: z.string().nullable(),
  /** The guardian the link went to, labelled; null when none or that record is gone. */
  movedTo: z.object({ id: z.string(), label: z.string() }).nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

/** `reports.resolve` input: the report id and one of four resolutions. */
export const ReportResolution = z.discriminatedUnion('resolution', [
  /** This person is not this child's guardian: the link is removed. */
  z.object({ id: Id, resolution: z.literal('unlink'), note: Text(1000).nullable().default(null) }),
  /** A homonym mix-up: the link goes to the right guardian (same relation and rank). */
  z.object({ id: Id, resolution: z.literal('move'), toGuardianId: Id, note: Text(1000).nullable().default(null) }),
  /** The link is right but an identity was wrong (the parent did not recognise the child): fix it. */
  z.object({
    id: Id,
    resolution: z.literal('correct'),
    student: StudentChanges.optional(),
    guardian: GuardianChanges.optional(),
    note: Text(1000).nullable().default(null),
  }),
  /** Nothing is wrong in the register: `reason` is sent to the parent. */
  z.object({ id: Id, resolution: z.literal('reject'), reason: Text(1000) }),
]);
export type ReportResolution = z.infer<typeof ReportResolution>;

// ───────────────────────── calls ─────────────────────────

export const correctionsContract = {
  // Who acts.
  'staff.list': read(z.object({ includeInactive: z.boolean().default(false) }), z.array(StaffMember)),
  'staff.add': write(z.object({ name: Text(200) }), StaffMember),
  /** Fixes a name's spelling; changes already made keep the name they were signed with. */
  'staff.rename': write(z.object({ id: Id, name: Text(200) }), StaffMember),
  /** Deactivated staff leave the « Qui êtes-vous ? » list; the last active one cannot leave it. */
  'staff.setActive': write(z.object({ id: Id, active: z.boolean() }), StaffMember),
  /** Chooses who acts for this session; `staffId: null` forgets it. */
  'session.setActor': write(z.object({ staffId: Id.nullable() }), Session),
  'session.get': read(z.object({}), Session),

  // Guardian edits.
  'guardians.editForm': read(z.object({ id: Id }), GuardianForm),
  'guardians.update': write(z.object({ id: Id, baseVersion: Version, changes: GuardianChanges }), SaveResult),
  /** The country selector's choices: frequent first, then every country by French name. */
  'phone.countries': read(z.object({}), z.array(PhoneCountry)),
  /** Live preview while typing: E.164, human form, mobile or not, or the French reason it is refused. */
  'guardians.previewPhone': read(
    PhoneInput.extend({ postalCode: Text(20).nullable().default(null), addressCountry: Text(60).nullable().default(null) }),
    PhonePreview,
  ),

  // Student edits.
  'students.editForm': read(z.object({ id: Id }), StudentForm),
  'students.update': write(z.object({ id: Id, baseVersion: Version, changes: StudentChanges }), SaveResult),

  // Links between a guardian and a child (the student's version is the one checked and bumped).
  'guardianships.link': write(
    z.object({
      studentId: Id,
      guardianId: Id,
      relation: Text(60).nullable().default(null),
      legalRank: z.number().int().min(0).max(2).default(0),
    }),
    z.object({ linkId: z.string(), studentVersion: z.number().int(), warnings: z.array(FieldWarning) }),
  ),
  'guardianships.update': write(
    z.object({ linkId: Id, relation: Text(60).nullable().optional(), legalRank: z.number().int().min(0).max(2).optional() }),
    z.object({ studentVersion: z.number().int(), changes: z.number().int(), warnings: z.array(FieldWarning) }),
  ),
  'guardianships.unlink': write(z.object({ linkId: Id }), z.object({ studentVersion: z.number().int(), warnings: z.array(FieldWarning) })),

  // History.
  'history.list': read(
    z.object({ entity: z.enum(['student', 'guardian']), id: Id, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ total: z.number().int(), rows: z.array(HistoryEntry) }),
  ),
  /** Puts the field back to its value before that change; itself a new change. `conflict` if changed since. */
  'history.revert': write(z.object({ auditId: Id }), z.object({ entries: z.array(HistoryEntry) })),

  // Anomalies desk.
  'anomalies.summary': read(z.object({}), AnomalySummary),
  'anomalies.list': read(
    z.object({ kind: AnomalyKind.nullable().default(null), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({ total: z.number().int(), rows: z.array(AnomalyEntry) }),
  ),
  /**
   * Applies suggestions: without `keys`, every safe one of that kind (raw phones or emails that now
   * read cleanly); email typo fixes only for the `keys` a person confirmed one by one.
   */
  'anomalies.applySuggestion': write(
    z.object({ kind: z.enum(['guardian.invalid_mobile', 'guardian.invalid_email', 'guardian.email_typo']), keys: z.array(z.string()).max(5000).optional() }),
    z.object({ applied: z.number().int(), skipped: z.array(z.object({ key: z.string(), message: z.string() })) }),
  ),
  /** A person declares an anomaly fine (e.g. two different people with the same name). */
  /** What people declared « pas une erreur » and is still true of the register, newest first, to restore. */
  'anomalies.dismissed': read(
    z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({
      total: z.number().int(),
      rows: z.array(z.object({ entry: AnomalyEntry, at: z.string(), actor: z.string(), note: z.string().nullable() })),
    }),
  ),
  'anomalies.dismiss': write(z.object({ key: z.string().min(1).max(5000), note: Text(500).nullable().default(null) }), z.object({})),
  'anomalies.restore': write(z.object({ key: z.string().min(1).max(5000) }), z.object({})),

  // Merge and split guardians.
  'guardians.mergePreview': read(z.object({ keepId: Id, mergeId: Id }), MergePreview),
  'guardians.merge': write(
    z.object({
      keepId: Id,
      mergeId: Id,
      /** Per field group, whose value to keep; unlisted groups take `suggested` from the preview. */
      fieldChoices: z.partialRecord(MergeField, MergeChoice).default({}),
      /** Versions seen in the preview; a change since → `conflict`. */
      keepVersion: Version.optional(),
      mergeVersion: Version.optional(),
    }),
    z.object({ mergeId: z.string(), keepId: z.string(), version: z.number().int() }),
  ),
  'guardians.merges': read(z.object({ guardianId: Id }), z.array(MergeRecord)),
  /** Splits a merge back: the merged record and its links, letters, reports and account return. */
  'guardians.split': write(z.object({ mergeId: Id }), z.object({ keepId: z.string(), restoredId: z.string() })),

  // "Ce n'est pas mon enfant" desk.
  'reports.list': read(
    z.object({ state: z.enum(['open', 'closed', 'all']).default('open'), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ total: z.number().int(), open: z.number().int(), rows: z.array(ReportRow) }),
  ),
  /** A report taken by phone or at the counter. The guardian must be linked to the child. */
  'reports.record': write(
    z.object({ guardianId: Id, studentId: Id, comment: Text(2000).nullable().default(null), source: z.enum(['phone', 'counter']).default('phone') }),
    ReportRow,
  ),
  'reports.resolve': write(ReportResolution, ReportRow),
} as const;
