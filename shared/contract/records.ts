import { z } from 'zod';
import { read } from './define';

export const StudentStatus = z.enum(['enrolled', 'left']);

export const StudentRow = z.object({
  id: z.string(),
  ine: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string().nullable(),
  division: z.string().nullable(),
  status: StudentStatus,
  guardianCount: z.number().int(),
});
export type StudentRow = z.infer<typeof StudentRow>;

export const GuardianRow = z.object({
  id: z.string(),
  civility: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** What the sheet or a person typed when it could not be read (phone or email then null). */
  phoneRaw: z.string().nullable(),
  emailRaw: z.string().nullable(),
  childCount: z.number().int(),
});
export type GuardianRow = z.infer<typeof GuardianRow>;

export const Address = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
});

export const StudentDetail = StudentRow.extend({
  ineRaw: z.string().nullable(),
  birthDateRaw: z.string().nullable(),
  guardians: z.array(
    z.object({ guardian: GuardianRow, relation: z.string().nullable(), legalRank: z.number().int() }),
  ),
});
export type StudentDetail = z.infer<typeof StudentDetail>;

export const GuardianDetail = GuardianRow.extend({
  address: Address,
  children: z.array(z.object({ student: StudentRow, relation: z.string().nullable(), legalRank: z.number().int() })),
});
export type GuardianDetail = z.infer<typeof GuardianDetail>;

const Page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) };
const Dir = z.enum(['asc', 'desc']).default('asc');

export const StudentListInput = z.object({
  query: z.string().max(200).default(''),
  division: z.string().nullable().default(null),
  status: z.enum(['enrolled', 'left', 'all']).default('enrolled'),
  sort: z
    .object({ key: z.enum(['lastName', 'firstName', 'birthDate', 'division', 'ine']), dir: Dir })
    .default({ key: 'lastName', dir: 'asc' }),
  ...Page,
});

export const GuardianListInput = z.object({
  query: z.string().max(200).default(''),
  sort: z
    .object({ key: z.enum(['lastName', 'firstName', 'phone', 'email', 'childCount']), dir: Dir })
    .default({ key: 'lastName', dir: 'asc' }),
  ...Page,
});

export const recordsContract = {
  'students.list': read(StudentListInput, z.object({ total: z.number().int(), rows: z.array(StudentRow) })),
  'students.get': read(z.object({ id: z.string() }), StudentDetail),
  'guardians.list': read(GuardianListInput, z.object({ total: z.number().int(), rows: z.array(GuardianRow) })),
  'guardians.get': read(z.object({ id: z.string() }), GuardianDetail),
  'divisions.list': read(z.object({}), z.array(z.object({ name: z.string(), students: z.number().int() }))),
} as const;
