// What parents and staff read. The FAQ's own wording wherever the FAQ has one.

export const MSG = {
  phoneUnknown:
    'Le numéro de téléphone attendu est le numéro communiqué à l’établissement de votre enfant. Vérifiez la saisie de votre numéro, sinon contactez le secrétariat élèves de votre enfant.',
  phoneInvalid: 'Ce numéro de téléphone n’est pas valide : vérifiez la saisie et l’indicatif de votre région.',
  phoneSeveralPeople:
    'Ce numéro de téléphone est enregistré pour plusieurs responsables : contactez le secrétariat élèves de votre enfant pour faire corriger les données.',
  phoneAlreadyActivated:
    'Un compte est déjà activé avec ce numéro : connectez-vous, ou utilisez « Identifiant perdu » et « Mot de passe perdu ».',
  smsSent: 'Un code de validation vient de vous être envoyé par SMS. Il est valable 30 minutes.',
  codeRetry:
    'Le code de validation est incorrect ou a expiré (il est valable 30 minutes à partir de la demande d’envoi). Cliquez sur « Réessayer » pour recommencer la saisie de votre numéro de téléphone.',
  birthDateMismatch:
    'La date de naissance de mon enfant n’est pas reconnue : contactez le secrétariat élèves de votre enfant pour leur signaler et leur demander de rectifier les données. La modification sera effective quelques jours après et vous pourrez alors reprendre l’activation de votre compte.',
  birthDateTooManyAttempts:
    'Trop de dates de naissance non reconnues : contactez le secrétariat élèves de votre enfant pour faire vérifier les données, puis recommencez l’activation.',
  birthDateInvalid: 'Date de naissance invalide : saisissez-la au format JJ/MM/AAAA.',
  childrenNotConfirmed: 'Confirmez la date de naissance de chacun de vos enfants avant de terminer l’activation.',
  notMineFiled:
    'Votre signalement a été transmis à l’établissement. Contactez le secrétariat élèves de votre enfant pour leur demander de rectifier les données.',
  unknownChild: 'Cet enfant ne fait pas partie de la liste de ce compte.',
  activationClosed:
    'L’activation des comptes n’est pas encore ouverte pour l’établissement de votre enfant : elle ouvre département par département.',
  letterCredentialsWrong: 'Identifiant ou mot de passe provisoire incorrect.',
  letterExpired:
    'Ce mot de passe provisoire a expiré ou a été remplacé par un nouveau courrier : demandez un nouveau courrier au secrétariat élèves de votre enfant, ou activez votre compte avec votre numéro de téléphone.',
  alreadyActivated: 'Ce compte est déjà activé : connectez-vous avec votre identifiant et votre mot de passe.',
  accountMerged: 'Ce compte a été regroupé avec un autre compte : connectez-vous avec l’identifiant du compte principal.',
  accountLocked: 'Trop d’essais incorrects : ce compte est bloqué pour un moment. Réessayez plus tard, ou utilisez « Mot de passe perdu ».',
  loginWrong: 'Identifiant ou mot de passe incorrect.',
  loginNeedsActivation:
    'Ce compte n’est pas encore activé : activez-le avec le courrier de notification ou avec votre numéro de téléphone.',
  activationDone: 'Votre compte est activé. Un message de validation a été envoyé à votre adresse e-mail : cliquez sur le lien qu’il contient.',
  emailInvalid: 'Adresse e-mail invalide : vérifiez la saisie.',
  emailValidated: 'Votre adresse e-mail est validée.',
  linkInvalid: 'Ce lien n’est pas valide ou a expiré : recommencez la démarche.',
  identifierSent:
    'Si ces coordonnées sont celles communiquées dans la fiche de renseignement de votre enfant, un message contenant votre identifiant vient d’y être envoyé.',
  resetNeverUsed:
    'Vous ne vous êtes jamais connecté avec ce compte : activez-le d’abord avec le courrier de notification ou avec votre numéro de téléphone.',
  resetEmailNotValidated:
    'Vous n’avez pas validé votre adresse de courrier électronique : un message de validation vous a été adressé sur votre messagerie, cliquez sur le lien de validation qu’il contient, puis recommencez.',
  resetEmailSent:
    'Si cet identifiant est connu, un mail contenant un lien permettant de réinitialiser votre mot de passe a été envoyé à l’adresse de courrier électronique du compte.',
  resetSmsSent:
    'Si cet identifiant est connu, un SMS contenant un code a été envoyé au numéro de téléphone renseigné sur la fiche de renseignement de votre enfant.',
  resetNoPhone:
    'Aucun numéro de téléphone portable n’est connu pour ce compte : utilisez la récupération par mail ou contactez le secrétariat élèves de votre enfant.',
  passwordChanged: 'Votre mot de passe a été modifié avec succès.',
  groupNamesDiffer:
    'Il est impératif que le nom et prénom des comptes à regrouper soient identiques. Sollicitez l’établissement de votre enfant pour les rectifications de données si nécessaire.',
  groupSameAccount: 'Ce compte est déjà le vôtre : saisissez l’identifiant du compte à regrouper.',
  groupDone: 'Les enfants de l’autre compte sont maintenant rattachés à votre compte.',
  sessionRequired: 'Session absente ou expirée : reconnectez-vous.',
  tooManyRequests: 'Trop de demandes : patientez quelques minutes avant de réessayer.',
  smsFailed: 'L’envoi du SMS a échoué : réessayez dans quelques minutes.',
  emailFailed: 'L’envoi du mail a échoué : réessayez dans quelques minutes.',
} as const;
