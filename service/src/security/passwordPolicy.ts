import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../shared/service-api/parent';

// The most used passwords and the obvious local ones; a long password from this list is still weak.
const BLOCK_LIST = new Set(
  [
    '123456789012', '1234567890123', 'azertyuiop12', 'azertyuiopqs', 'qwertyuiop12', 'motdepasse123',
    'motdepasse1234', 'password1234', 'password12345', 'passwordpassword', 'azertyazerty', 'soleil123456',
    'educonnect123', 'educonnect2024', 'educonnect2025', 'educonnect2026', 'bonjour123456', 'iloveyou1234',
    'jetaime123456', 'marseille1313', 'doudou123456', 'chouchou1234', 'nicolas12345', 'motdepasse!!',
    '000000000000', '111111111111', 'aaaaaaaaaaaa', 'abcdefghijkl', 'abc123abc123', 'changeme1234',
  ].map((p) => p.toLowerCase()),
);

/** null when acceptable, else a French reason. `avoid`: login and names, which must not be the password. */
export function passwordProblem(password: string, avoid: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Mot de passe trop court : ${PASSWORD_MIN_LENGTH} caractères au moins.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Mot de passe trop long : ${PASSWORD_MAX_LENGTH} caractères au plus.`;
  const lower = password.toLowerCase();
  if (BLOCK_LIST.has(lower) || /^(.)\1+$/.test(password) || /^(.{1,4})\1+$/.test(lower))
    return 'Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase de plusieurs mots.';
  for (const word of avoid.map((w) => w.toLowerCase()).filter((w) => w.length >= 4)) {
    if (lower.includes(word)) return 'Le mot de passe ne doit contenir ni votre identifiant ni votre nom.';
  }
  return null;
}
