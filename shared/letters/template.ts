/**
 * The editable text of the notification letter. Staff may change every paragraph; the
 * credentials block, the addresses, the QR code and the signature are drawn by code.
 *
 * Light markup, one block per line: "## " heading, "- " bullet, "1. " numbered step, anything
 * else a paragraph; **bold** inside a line. A line holding only {{enfants}} becomes the list of
 * children; elsewhere {{enfants}} is the same list written inline.
 */

export interface LetterTemplate {
  /** Value of {{service}}: how the letter names the account. */
  service: string;
  subjectCredentials: string;
  subjectReminder: string;
  greeting: string;
  introCredentials: string;
  introReminder: string;
  reissued: string;
  stepsCredentials: string;
  stepsReminder: string;
  selfRegistration: string;
  selfRegistrationNoPhone: string;
  help: string;
  closing: string;
}

export type LetterTemplateField = keyof LetterTemplate;

/** French labels of the fields, for the editor and for validation messages. */
export const TEMPLATE_FIELD_LABELS: Record<LetterTemplateField, string> = {
  service: 'Nom du service',
  subjectCredentials: 'Objet (identifiants)',
  subjectReminder: 'Objet (rappel d’identifiant)',
  greeting: 'Formule d’appel',
  introCredentials: 'Introduction (identifiants)',
  introReminder: 'Introduction (rappel d’identifiant)',
  reissued: 'Mention « remplace le courrier précédent »',
  stepsCredentials: 'Étapes d’activation',
  stepsReminder: 'Étapes de récupération du mot de passe',
  selfRegistration: 'Activation par téléphone portable',
  selfRegistrationNoPhone: 'Activation par téléphone (aucun numéro connu)',
  help: 'En cas de problème',
  closing: 'Formule de politesse',
};

/** Every placeholder the letter knows, with what it becomes (French, for the editor). */
export const TEMPLATE_PLACEHOLDERS = {
  service: 'le nom du service (« compte parent »)',
  appel: 'Madame, Monsieur, ou « Madame, Monsieur » si la civilité est inconnue',
  civilite: 'la civilité telle qu’enregistrée (Mme, M.)',
  nom: 'le nom du responsable',
  prenom: 'le prénom du responsable',
  enfants: 'la liste des enfants et de leur classe',
  identifiant: 'l’identifiant du compte',
  expiration: 'la date de fin de validité du mot de passe provisoire, en toutes lettres',
  telephoneMasque: 'le numéro de portable connu de l’établissement, masqué (06 ** ** ** 78)',
  etablissement: 'le nom de l’établissement',
  secretariat: 'le secrétariat élèves et son téléphone',
  lienActivation: 'l’adresse de la page d’activation',
  date: 'la date d’impression, en toutes lettres',
} as const;

export type PlaceholderName = keyof typeof TEMPLATE_PLACEHOLDERS;
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

export const defaultLetterTemplate: LetterTemplate = {
  service: 'compte parent',
  subjectCredentials: 'Objet : votre {{service}} – identifiant et mot de passe provisoire',
  subjectReminder: 'Objet : votre {{service}} – rappel de votre identifiant',
  greeting: '{{appel}},',
  introCredentials: [
    '{{etablissement}} vous ouvre un {{service}} : un accès personnel et gratuit, sur internet, pour suivre la scolarité de vos enfants (notes, absences, démarches en ligne). Il concerne :',
    '{{enfants}}',
  ].join('\n'),
  introReminder: [
    'Vous avez déjà activé votre {{service}}, qui vous permet de suivre la scolarité de :',
    '{{enfants}}',
    'Voici pour rappel votre identifiant. Votre mot de passe n’est jamais envoyé par courrier : si vous l’avez oublié, suivez les étapes ci-dessous.',
  ].join('\n'),
  reissued: '**Ce courrier remplace le précédent : l’ancien mot de passe provisoire ne fonctionne plus.**',
  stepsCredentials: [
    '## Activer votre compte (environ 10 minutes)',
    '1. Allez sur {{lienActivation}} (ordinateur, tablette ou téléphone) ou scannez le code QR.',
    '2. Saisissez l’identifiant et le mot de passe provisoire exactement comme dans le cadre.',
    '3. Saisissez votre numéro de portable, puis le code reçu par SMS (valable 30 minutes).',
    '4. Confirmez la date de naissance de chacun de vos enfants.',
    '5. Choisissez votre mot de passe personnel. Votre identifiant ne change pas : conservez-le.',
  ].join('\n'),
  stepsReminder: [
    '## Retrouver votre mot de passe',
    '1. Allez sur {{lienActivation}} ou scannez le code QR.',
    '2. Cliquez sur **Mot de passe perdu** et saisissez votre identifiant.',
    '3. Choisissez de recevoir un lien par courriel ou un code par SMS : ils sont envoyés à l’adresse ou au numéro de portable donnés à l’établissement ({{telephoneMasque}}).',
    'Si vous ne vous êtes jamais connecté ou n’avez jamais validé votre adresse électronique, la réinitialisation par courriel est refusée : utilisez le SMS ou contactez {{secretariat}}.',
  ].join('\n'),
  selfRegistration: [
    '## Autre possibilité : activer avec votre téléphone portable',
    'Sans ce courrier, vous pouvez activer votre compte avec le numéro de portable que l’établissement connaît pour vous : **{{telephoneMasque}}** (sur {{lienActivation}}, choisissez l’activation par SMS). Si ce numéro n’est pas le vôtre ou a changé, contactez {{secretariat}}.',
  ].join('\n'),
  selfRegistrationNoPhone: [
    '## Autre possibilité : activer avec votre téléphone portable',
    'L’établissement ne connaît pas de numéro de portable pour vous : l’activation par SMS n’est pas possible. Pour l’utiliser, donnez votre numéro à {{secretariat}}.',
  ].join('\n'),
  help: [
    '## En cas de problème',
    '- **Mon numéro de téléphone n’est pas reconnu** : le numéro attendu est celui donné à l’établissement. Vérifiez la saisie ; sinon, contactez {{secretariat}}.',
    '- **Je ne reçois pas le code ou il est refusé** : vérifiez l’indicatif du pays. Le code est valable 30 minutes : après ce délai ou une erreur, cliquez sur **Réessayer**. S’il n’arrive toujours pas, vérifiez auprès de votre opérateur qu’il n’y a pas de blocage, puis contactez l’établissement.',
    '- **La date de naissance de mon enfant n’est pas reconnue** : contactez {{secretariat}} pour la faire corriger ; vous pourrez reprendre l’activation quelques jours après.',
    '- **Un enfant affiché n’est pas le mien** : n’allez pas plus loin et contactez sans attendre {{secretariat}}.',
    '- **Identifiant ou mot de passe perdu** : sur la page de connexion, cliquez sur **Identifiant perdu** ou **Mot de passe perdu**, puis choisissez le courriel ou le SMS (adresse et numéro donnés à l’établissement).',
  ].join('\n'),
  closing: 'Nous vous prions d’agréer, {{appel}}, l’expression de nos salutations distinguées.',
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Replaces each {{name}} with its value. Unknown or missing placeholders stay as written, so
 * staff see the mistake on the printed page. Values are inserted once, never re-read.
 */
export function fillTemplate(text: string, values: Record<string, string | null | undefined>): string {
  return String(text ?? '').replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    return typeof value === 'string' ? value : whole;
  });
}

/** Placeholder names used in a text, in order, with duplicates. */
export function placeholdersIn(text: string): string[] {
  return [...String(text ?? '').matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

function isKnown(name: string): name is PlaceholderName {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_PLACEHOLDERS, name);
}

/**
 * French messages for what is wrong in a template: a missing field, an unknown placeholder,
 * unbalanced braces. An empty list means the template is usable.
 */
export function validateTemplate(t: LetterTemplate): string[] {
  const problems: string[] = [];
  const known = Object.keys(TEMPLATE_PLACEHOLDERS)
    .map((n) => `{{${n}}}`)
    .join(', ');
  for (const field of Object.keys(TEMPLATE_FIELD_LABELS) as LetterTemplateField[]) {
    const label = TEMPLATE_FIELD_LABELS[field];
    const text = (t as unknown as Record<string, unknown>)?.[field];
    if (typeof text !== 'string') {
      problems.push(`« ${label} » : texte manquant.`);
      continue;
    }
    if (field === 'service' && text.trim() === '') problems.push(`« ${label} » : texte vide.`);
    for (const name of new Set(placeholdersIn(text))) {
      if (isKnown(name)) continue;
      if (/^mot ?de ?passe|^motdepasse|^password/i.test(name)) {
        problems.push(
          `« ${label} » : {{${name}}} n’existe pas : le mot de passe provisoire est imprimé uniquement dans le cadre des identifiants.`,
        );
      } else {
        problems.push(`« ${label} » : espace réservé inconnu {{${name}}}. Espaces réservés possibles : ${known}.`);
      }
    }
    const withoutPlaceholders = text.replace(PLACEHOLDER, '');
    if (withoutPlaceholders.includes('{{') || withoutPlaceholders.includes('}}')) {
      problems.push(`« ${label} » : accolades non appariées ; un espace réservé s’écrit {{nom}}.`);
    }
    if ((text.match(/\*\*/g)?.length ?? 0) % 2 === 1) {
      problems.push(`« ${label} » : ** non refermé ; le gras s’écrit **texte en gras**.`);
    }
  }
  return problems;
}
