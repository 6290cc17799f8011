// School API of the account service (Authorization: Bearer <school token>), shared with the
// desktop app's sync client. A school sees and changes only its own records.
import { z } from 'zod';
import { E164, Email, IsoDate, IsoDateTime } from './common';

export const SCHOOL_API_PREFIX = '/school/v1';
export const MAX_CHANGES_PER_PUSH = 1000;
/** Byte limit of one push request body. */
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;
export const MAX_LETTERS_PER_REQUEST = 1000;
export const MAX_FEED_LIMIT = 1000;
/** Temporary passwords of letters are valid this many months. */
export const LETTER_VALIDITY_MONTHS = 3;

const LocalId = z.string().min(1).max(100).describe('identifiant local de l’application');
const Name = z.string().trim().min(1).max(100);

// ---- Records pushed by the app (extra fields are ignored) -----------------------------------

export const StudentData = z.object({
  ine: z.string().max(20).nullable().default(null),
  lastName: Name,
  firstName: Name,
  birthDate: IsoDate.nullable(),
  division: z.string().max(40).nullable().default(null),
  status: z.enum(['enrolled', 'left']).default('enrolled'),
});
export type StudentData = z.infer<typeof StudentData>;

export const GuardianData = z.object({
  civility: z.string().max(20).nullable().default(null),
  lastName: Name,
  firstName: Name,
  phone: E164.nullable().default(null),
  email: Email.nullable().default(null),
  addressLine1: z.string().max(200).nullable().default(null),
  addressLine2: z.string().max(200).nullable().default(null),
  postalCode: z.string().max(20).nullable().default(null),
  city: z.string().max(100).nullable().default(null),
  country: z.string().max(100).nullable().default(null),
});
export type GuardianData = z.infer<typeof GuardianData>;

export const GuardianshipData = z.object({
  studentId: LocalId,
  guardianId: LocalId,
  relation: z.string().max(50).nullable().default(null),
  legalRank: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
});
export type GuardianshipData = z.infer<typeof GuardianshipData>;

export const ENTITIES = ['student', 'guardian', 'guardianship'] as const;
export const Entity = z.enum(ENTITIES);
export type Entity = z.infer<typeof Entity>;
export const entityData = { student: StudentData, guardian: GuardianData, guardianship: GuardianshipData } as const;

// ---- POST /school/v1/changes ---------------------------------------------------------------

export const Change = z.object({
  key: z.string().min(1).max(100).describe('clé d’idempotence (l’id de l’entrée d’outbox)'),
  entity: Entity,
  id: LocalId,
  op: z.enum(['upsert', 'delete']),
  /** Version the change was based on; 0 or null for a record the service has never seen. */
  baseVersion: z.number().int().min(0).nullable(),
  /** The record (schema by entity); validated per change, a bad one is 'rejected'. */
  data: z.unknown().optional(),
});
export type Change = z.infer<typeof Change>;

export const PushRequest = z.object({
  changes: z.array(Change).min(1).max(MAX_CHANGES_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const CurrentRecord = z.object({
  version: z.number().int(),
  deleted: z.boolean(),
  data: z.record(z.string(), z.unknown()),
});
export type CurrentRecord = z.infer<typeof CurrentRecord>;

export const AppliedResult = z.object({ key: z.string(), status: z.literal('applied'), version: z.number().int() });
export const ConflictResult = z.object({ key: z.string(), status: z.literal('conflict'), current: CurrentRecord });
export const RejectedResult = z.object({ key: z.string(), status: z.literal('rejected'), reason: z.string() });
export const FirstOutcome = z.discriminatedUnion('status', [AppliedResult, ConflictResult, RejectedResult]);
export type FirstOutcome = z.infer<typeof FirstOutcome>;
/** A key already seen: the original outcome, unchanged (a retry after a cut connection). */
export const DuplicateResult = z.object({
  key: z.string(),
  status: z.literal('duplicate'),
  version: z.number().int().optional(),
  original: FirstOutcome,
});
export const ChangeResult = z.discriminatedUnion('status', [AppliedResult, DuplicateResult, ConflictResult, RejectedResult]);
export type ChangeResult = z.infer<typeof ChangeResult>;

export const PushResponse = z.object({ results: z.array(ChangeResult) });
export type PushResponse = z.infer<typeof PushResponse>;

// ---- GET /school/v1/feed --------------------------------------------------------------------

export const FeedQuery = z.object({
  after: z.string().regex(/^\d{1,18}$/, 'curseur invalide').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_FEED_LIMIT).default(100),
});
export type FeedQuery = z.infer<typeof FeedQuery>;

const base = { cursor: z.string(), at: IsoDateTime, guardianId: LocalId };
export const FeedEvent = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('account.notified'), login: z.string(), letterExpiresAt: IsoDateTime }),
  z.object({ ...base, kind: z.literal('account.activated'), login: z.string(), path: z.enum(['letter', 'sms']) }),
  z.object({ ...base, kind: z.literal('account.blocked'), login: z.string(), until: IsoDateTime }),
  z.object({ ...base, kind: z.literal('account.merged'), login: z.string(), into: z.string() }),
  z.object({ ...base, kind: z.literal('email.validated'), login: z.string() }),
  z.object({ ...base, kind: z.literal('report.filed'), reportId: z.string(), studentId: LocalId, comment: z.string().nullable() }),
  z.object({ ...base, kind: z.literal('letter.expired'), login: z.string(), expiredAt: IsoDateTime }),
]);
export type FeedEvent = z.infer<typeof FeedEvent>;
export type FeedKind = FeedEvent['kind'];
/** An event as stored: everything but cursor and at. */
export type FeedPayload = FeedEvent extends infer E ? (E extends FeedEvent ? Omit<E, 'cursor' | 'at'> : never) : never;

export const FeedResponse = z.object({
  events: z.array(FeedEvent),
  /** Pass as `after` next time; equals the request's `after` when nothing is new. */
  next: z.string().nullable(),
});
export type FeedResponse = z.infer<typeof FeedResponse>;

// ---- POST /school/v1/letters ----------------------------------------------------------------

export const LettersRequest = z.object({
  guardianIds: z.array(LocalId).min(1).max(MAX_LETTERS_PER_REQUEST),
  /** Also issue for an activated account (the parent lost everything); voids the previous letter. */
  reissue: z.boolean().default(false),
});
export type LettersRequest = z.infer<typeof LettersRequest>;

export const LetterRefusalCode = z.enum(['unknown_guardian', 'already_activated', 'merged', 'blocked', 'no_children']);
export const LetterResult = z.discriminatedUnion('status', [
  z.object({
    guardianId: LocalId,
    status: z.literal('issued'),
    login: z.string(),
    /** Shown once, printed on the letter; never stored in clear anywhere. */
    temporaryPassword: z.string(),
    expiresAt: IsoDateTime,
  }),
  z.object({ guardianId: LocalId, status: z.literal('refused'), code: LetterRefusalCode, reason: z.string() }),
]);
export type LetterResult = z.infer<typeof LetterResult>;
export const LettersResponse = z.object({ letters: z.array(LetterResult) });
export type LettersResponse = z.infer<typeof LettersResponse>;

// ---- POST /school/v1/reports/:id/resolve ----------------------------------------------------

export const ResolveRequest = z.object({
  resolution: z.enum(['unlinked', 'moved', 'corrected', 'rejected']),
  note: z.string().max(2000).nullable().default(null),
});
export type ResolveRequest = z.infer<typeof ResolveRequest>;

export const Report = z.object({
  id: z.string(),
  guardianId: LocalId,
  studentId: LocalId,
  comment: z.string().nullable(),
  state: z.enum(['open', 'resolved']),
  resolution: ResolveRequest.shape.resolution.nullable(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
  resolvedAt: IsoDateTime.nullable(),
});
export type Report = z.infer<typeof Report>;
export const ResolveResponse = z.object({ report: Report });

// ---- GET /school/v1/accounts?guardianIds=a,b --------------------------------------------------

export const AccountsQuery = z.object({
  guardianIds: z
    .string()
    .min(1)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(LocalId).min(1).max(MAX_LETTERS_PER_REQUEST)),
});

export const AccountState = z.enum(['none', 'notified', 'activated', 'blocked', 'merged']);
export const AccountInfo = z.object({
  login: z.string(),
  state: AccountState,
  activationPath: z.enum(['letter', 'sms']).nullable(),
  emailValidated: z.boolean(),
  letterExpiresAt: IsoDateTime.nullable(),
  mergedInto: z.string().nullable(),
  lockedUntil: IsoDateTime.nullable(),
});
export type AccountInfo = z.infer<typeof AccountInfo>;
export const AccountsResponse = z.object({
  accounts: z.array(z.object({ guardianId: LocalId, account: AccountInfo.nullable() })),
});
export type AccountsResponse = z.infer<typeof AccountsResponse>;

// ---- GET /school/v1/me -------------------------------------------------------------------------

export const SchoolInfo = z.object({
  uai: z.string(),
  name: z.string(),
  departement: z.string(),
  activationOpensAt: IsoDateTime.nullable(),
  activationOpen: z.boolean(),
});
export type SchoolInfo = z.infer<typeof SchoolInfo>;
