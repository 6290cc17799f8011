// The letter template and letterhead, kept in the register (letter_settings, one row).
import { defaultLetterTemplate, validateTemplate, type LetterTemplate } from '../../../shared/letters/template';
import type { LetterSchool } from '../../../shared/letters/types';
import { timeZoneOfDepartement } from '../../../shared/letters/format';
import type { Letterhead, LetterSettings } from '../../../shared/contract/letters';
import type { CoreContext } from '../context';
import type { Register } from '../db/types';
import { AppFailure } from '../errors';

interface SettingsRow {
  template: string | null;
  signatory: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  activation_url: string | null;
}

function row(db: Register): SettingsRow {
  return (
    db.get<SettingsRow>("SELECT template, signatory, phone, address, city, activation_url FROM letter_settings WHERE id = 'letters'") ?? {
      template: null, signatory: null, phone: null, address: null, city: null, activation_url: null,
    }
  );
}

function storedTemplate(raw: string | null): LetterTemplate | null {
  if (!raw) return null;
  try {
    const t = JSON.parse(raw) as LetterTemplate;
    return { ...defaultLetterTemplate, ...t };
  } catch {
    return null;
  }
}

/** The activation page: the saved one, else the service's `/activer`. */
export function activationUrlOf(db: Register): string | null {
  const saved = row(db).activation_url;
  if (saved) return saved;
  const svc = db.get<{ service_url: string | null }>("SELECT service_url FROM sync_state WHERE id = 'sync'")?.service_url;
  return svc ? `${svc.replace(/\/+$/, '')}/activer` : null;
}

export function getLetterSettings(db: Register): LetterSettings {
  const r = row(db);
  const template = storedTemplate(r.template);
  return {
    template: template ?? defaultLetterTemplate,
    isDefault: template === null,
    letterhead: { signatory: r.signatory, phone: r.phone, address: r.address, city: r.city, activationUrl: r.activation_url },
    activationUrl: activationUrlOf(db),
  };
}

function isWebUrl(url: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

const blank = (v: string | null): string | null => (v && v.trim() ? v.trim() : null);

export async function setLetterSettings(
  input: { template: LetterTemplate | null; letterhead: Letterhead },
  ctx: CoreContext,
): Promise<LetterSettings> {
  if (input.template) {
    const problems = validateTemplate(input.template);
    if (problems.length) throw new AppFailure('invalid_input', `Modèle de courrier : ${problems.join(' ')}`, { problems });
  }
  const url = blank(input.letterhead.activationUrl);
  if (url) {
    if (!isWebUrl(url)) throw new AppFailure('invalid_input', `Adresse de la page d’activation invalide : « ${url} » (ex. https://comptes.exemple.fr/activer).`);
  }
  const h = input.letterhead;
  await ctx.db.write((tx) => {
    tx.run(
      `UPDATE letter_settings SET template = ?, signatory = ?, phone = ?, address = ?, city = ?, activation_url = ?, updated_at = ? WHERE id = 'letters'`,
      [
        input.template ? JSON.stringify(input.template) : null,
        blank(h.signatory), blank(h.phone), blank(h.address), blank(h.city), url,
        ctx.clock.now().toISOString(),
      ],
    );
  });
  return getLetterSettings(ctx.db);
}

/** The letterhead as the renderer wants it: the settings, else the school's own fields. */
export function letterSchool(db: Register): LetterSchool {
  const s = db.get<{ name: string; uai: string | null; address: string | null; departement: string | null }>(
    "SELECT name, uai, address, departement FROM school WHERE id = 'school'",
  );
  const r = row(db);
  return {
    name: s?.name?.trim() || 'Établissement',
    uai: s?.uai ?? null,
    address: r.address ?? s?.address ?? null,
    city: r.city,
    phone: r.phone,
    signatory: r.signatory,
    timeZone: timeZoneOfDepartement(s?.departement),
  };
}

export function templateOf(db: Register): LetterTemplate {
  return storedTemplate(row(db).template) ?? defaultLetterTemplate;
}
