import { z } from 'zod';
import {
  ActivationSession,
  CompleteRequest,
  CompleteResponse,
  ConfirmChildrenRequest,
  ConfirmChildrenResponse,
  Done,
  GroupRequest,
  GroupResponse,
  IdentifierRecoveryRequest,
  LetterActivationRequest,
  LoginRequest,
  LoginResponse,
  MyChildrenResponse,
  NotMineRequest,
  NotMineResponse,
  PasswordRecoveryCompleteRequest,
  PasswordRecoveryStartRequest,
  PasswordRecoveryStartResponse,
  SmsStartRequest,
  SmsStartResponse,
  SmsVerifyRequest,
} from '../../../shared/service-api/parent';
import type { Deps } from '../deps';
import type { Router } from '../http';
import { groupAccounts, login, myChildren, myNotMine } from './account';
import { completeActivation, confirmChildren, notMineDuringActivation, startLetter, startSms, verifySms } from './activation';
import { validateEmail } from './email';
import { completePasswordReset, recoverIdentifier, startPasswordReset } from './recovery';

const P = '/parent/v1';
const ChildParams = z.object({ id: z.string().min(1).max(100) });

export function parentRoutes(router: Router, deps: Deps): void {
  const common = { tag: 'parent' as const };

  router.add(
    { ...common, method: 'POST', url: `${P}/activation/letter`, auth: 'none', summary: 'Activation avec l’identifiant et le mot de passe provisoire du courrier', body: LetterActivationRequest, response: ActivationSession, errors: [400, 401, 403, 409, 410, 423, 429] },
    async ({ body }) => startLetter(deps, body.login, body.temporaryPassword),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/activation/sms/start`, auth: 'none', summary: 'Auto-inscription : envoie un code par SMS au numéro connu de l’établissement (valable 30 minutes)', body: SmsStartRequest, response: SmsStartResponse, errors: [400, 404, 429, 502] },
    async ({ body }) => startSms(deps, body.phone),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/activation/sms/verify`, auth: 'none', summary: 'Vérifie le code SMS ; code faux ou expiré : recommencer (« Réessayer »)', body: SmsVerifyRequest, response: ActivationSession, errors: [400, 404, 409, 429] },
    async ({ body }) => verifySms(deps, body.requestId, body.code),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/activation/children/confirm`, auth: 'activation', summary: 'Confirme la date de naissance de chaque enfant', body: ConfirmChildrenRequest, response: ConfirmChildrenResponse, errors: [400, 401, 404, 422] },
    async ({ body, session }) => confirmChildren(deps, session, body.children),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/activation/children/:id/not-mine`, auth: 'activation', summary: '« Ce n’est pas mon enfant » : signalement à l’établissement', params: ChildParams, body: NotMineRequest, response: NotMineResponse, errors: [400, 401, 404] },
    async ({ params, body, session }) => notMineDuringActivation(deps, session, params.id, body.comment),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/activation/complete`, auth: 'activation', summary: 'Termine l’activation : nouveau mot de passe et adresse e-mail (lien de validation envoyé)', body: CompleteRequest, response: CompleteResponse, errors: [400, 401, 409, 410] },
    async ({ body, session }) => completeActivation(deps, session, body.newPassword, body.email),
  );
  router.add(
    { ...common, method: 'GET', url: `${P}/email/validate`, auth: 'none', summary: 'Lien de validation de l’adresse e-mail', query: z.object({ token: z.string().min(1).max(200) }), response: Done, errors: [400] },
    async ({ query }) => validateEmail(deps, query.token),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/recovery/identifier`, auth: 'none', summary: 'Identifiant perdu : envoi par mail ou SMS aux coordonnées connues de l’établissement', body: IdentifierRecoveryRequest, response: Done, errors: [400, 429] },
    async ({ body }) => recoverIdentifier(deps, body),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/recovery/password/start`, auth: 'none', summary: 'Mot de passe perdu : lien par mail ou code par SMS', body: PasswordRecoveryStartRequest, response: PasswordRecoveryStartResponse, errors: [400, 409, 429, 502] },
    async ({ body }) => startPasswordReset(deps, body.login, body.channel),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/recovery/password/complete`, auth: 'none', summary: 'Nouveau mot de passe, avec le jeton du lien ou le code SMS', body: PasswordRecoveryCompleteRequest, response: Done, errors: [400, 429] },
    async ({ body }) => completePasswordReset(deps, body),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/login`, auth: 'none', summary: 'Connexion', body: LoginRequest, response: LoginResponse, errors: [400, 401, 409, 423, 429] },
    async ({ body }) => login(deps, body.login, body.password),
  );
  router.add(
    { ...common, method: 'GET', url: `${P}/me/children`, auth: 'account', summary: 'Mes enfants', response: MyChildrenResponse, errors: [401] },
    async ({ session }) => myChildren(deps, session),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/me/children/:id/not-mine`, auth: 'account', summary: '« Ce n’est pas mon enfant » depuis un compte activé', params: ChildParams, body: NotMineRequest, response: NotMineResponse, errors: [400, 401, 404] },
    async ({ params, body, session }) => myNotMine(deps, session, params.id, body.comment),
  );
  router.add(
    { ...common, method: 'POST', url: `${P}/me/group`, auth: 'account', summary: 'Ajouter des enfants depuis un autre compte (nom et prénom identiques)', body: GroupRequest, response: GroupResponse, errors: [400, 401, 409, 422, 423, 429] },
    async ({ body, session }) => groupAccounts(deps, session, body.login, body.password),
  );
}
