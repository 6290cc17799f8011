// Parent API of the account service: the flows of the ministry's parent FAQ. Sessions are
// `Authorization: Bearer <session token>`; activation sessions only reach /activation/*.
import { z } from 'zod';
import { IsoDate, IsoDateTime } from './common';

export const PARENT_API_PREFIX = '/parent/v1';
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const Login = z.string().trim().min(1).max(100);
const Secret = z.string().min(1).max(200);
const Phone = z.string().min(1).max(40).describe('numéro tel que saisi ; normalisé par le service');
const TypedEmail = z.string().min(1).max(254);
const Code = z.string().trim().regex(/^\d{6}$/, 'le code reçu par SMS a 6 chiffres');

export const LetterActivationRequest = z.object({ login: Login, temporaryPassword: Secret });
export const SmsStartRequest = z.object({ phone: Phone });
export const SmsStartResponse = z.object({
  requestId: z.string(),
  expiresAt: IsoDateTime,
  message: z.string(),
});
export const SmsVerifyRequest = z.object({ requestId: z.string().min(1).max(100), code: Code });

export const Child = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  division: z.string().nullable(),
  school: z.object({ uai: z.string(), name: z.string() }),
});
export type Child = z.infer<typeof Child>;

export const ActivationSession = z.object({
  sessionToken: z.string(),
  expiresAt: IsoDateTime,
  path: z.enum(['letter', 'sms']),
  /** The children whose birth date must be confirmed before completing (SMS path). */
  children: z.array(Child),
  birthDatesRequired: z.boolean(),
});
export type ActivationSession = z.infer<typeof ActivationSession>;

export const ConfirmChildrenRequest = z.object({
  children: z.array(z.object({ id: z.string().min(1).max(100), birthDate: z.string().min(1).max(40) })).min(1).max(50),
});
export const ConfirmChildrenResponse = z.object({ confirmed: z.array(z.string()), remaining: z.array(z.string()) });

export const NotMineRequest = z.object({ comment: z.string().max(1000).nullable().default(null) });
export const NotMineResponse = z.object({ reported: z.literal(true), message: z.string() });

export const CompleteRequest = z.object({ newPassword: z.string().max(1000), email: z.string().min(1).max(254) });
export const CompleteResponse = z.object({
  login: z.string(),
  sessionToken: z.string(),
  expiresAt: IsoDateTime,
  message: z.string(),
});

export const Done = z.object({ message: z.string() });

export const IdentifierRecoveryRequest = z.union([
  z.object({ email: TypedEmail }).strict(),
  z.object({ phone: Phone }).strict(),
]);
export const PasswordRecoveryStartRequest = z.object({ login: Login, channel: z.enum(['email', 'sms']) });
export const PasswordRecoveryStartResponse = z.object({ message: z.string(), requestId: z.string().optional() });
export const PasswordRecoveryCompleteRequest = z.union([
  z.object({ token: z.string().min(1).max(200), newPassword: z.string().max(1000) }).strict(),
  z.object({ requestId: z.string().min(1).max(100), code: Code, newPassword: z.string().max(1000) }).strict(),
]);

export const LoginRequest = z.object({ login: Login, password: Secret });
export const LoginResponse = z.object({ sessionToken: z.string(), expiresAt: IsoDateTime, login: z.string() });

export const MyChild = Child.extend({ birthDate: IsoDate.nullable() });
export const MyChildrenResponse = z.object({ login: z.string(), children: z.array(MyChild) });

export const GroupRequest = z.object({ login: Login, password: Secret });
export const GroupResponse = z.object({ added: z.array(Child), message: z.string() });
