import { foldWords } from './text';

/**
 * Where a phone line belongs, from the hints a registration sheet gives (postal code, country),
 * and the French overseas prefixes. Used by phones.ts only.
 */

export interface OverseasTerritory {
  region: string;
  callingCode: string;
  name: string;
}

/** Territories of the French numbering plan written nationally as 0 + 9 digits. */
export const OVERSEAS_BY_PREFIX: Record<string, OverseasTerritory & { kind: 'mobile' | 'fixed' }> = {
  '590': { region: 'GP', callingCode: '590', name: 'Guadeloupe', kind: 'fixed' },
  '690': { region: 'GP', callingCode: '590', name: 'Guadeloupe', kind: 'mobile' },
  '691': { region: 'GP', callingCode: '590', name: 'Guadeloupe', kind: 'mobile' },
  '594': { region: 'GF', callingCode: '594', name: 'Guyane', kind: 'fixed' },
  '694': { region: 'GF', callingCode: '594', name: 'Guyane', kind: 'mobile' },
  '596': { region: 'MQ', callingCode: '596', name: 'Martinique', kind: 'fixed' },
  '696': { region: 'MQ', callingCode: '596', name: 'Martinique', kind: 'mobile' },
  '697': { region: 'MQ', callingCode: '596', name: 'Martinique', kind: 'mobile' },
  '262': { region: 'RE', callingCode: '262', name: 'La Réunion', kind: 'fixed' },
  '263': { region: 'RE', callingCode: '262', name: 'La Réunion', kind: 'fixed' },
  '692': { region: 'RE', callingCode: '262', name: 'La Réunion', kind: 'mobile' },
  '693': { region: 'RE', callingCode: '262', name: 'La Réunion', kind: 'mobile' },
  '269': { region: 'YT', callingCode: '262', name: 'Mayotte', kind: 'fixed' },
  '639': { region: 'YT', callingCode: '262', name: 'Mayotte', kind: 'mobile' },
};

/** Regions whose numbers are written nationally with a leading 0 and 9 more digits, like France. */
export const FRENCH_PLAN_REGIONS = new Set(['FR', 'GP', 'MF', 'BL', 'GF', 'MQ', 'RE', 'YT']);

/** Region from a French postal code: overseas départements and collectivités, Monaco. */
export function regionFromPostalCode(postalCode: string | null | undefined): string | undefined {
  const pc = String(postalCode ?? '').replace(/\s+/g, '');
  if (!/^\d{5}$/.test(pc)) return undefined;
  if (pc === '97150') return 'MF';
  if (pc === '97133') return 'BL';
  const p3 = pc.slice(0, 3);
  const byPrefix: Record<string, string> = {
    '971': 'GP', '972': 'MQ', '973': 'GF', '974': 'RE', '975': 'PM', '976': 'YT',
    '977': 'BL', '978': 'MF', '986': 'WF', '987': 'PF', '988': 'NC', '980': 'MC',
  };
  return byPrefix[p3] ?? 'FR';
}

// French (and a few English) country names as typed on registration sheets, folded by foldWords.
const COUNTRY_NAMES: Record<string, string> = {
  france: 'FR', 'france metropolitaine': 'FR', metropole: 'FR',
  belgique: 'BE', belgium: 'BE', suisse: 'CH', switzerland: 'CH', allemagne: 'DE', germany: 'DE',
  'royaume uni': 'GB', angleterre: 'GB', 'grande bretagne': 'GB', uk: 'GB', 'united kingdom': 'GB', ecosse: 'GB',
  espagne: 'ES', spain: 'ES', portugal: 'PT', italie: 'IT', italy: 'IT', luxembourg: 'LU',
  'pays bas': 'NL', hollande: 'NL', irlande: 'IE', autriche: 'AT', grece: 'GR', pologne: 'PL',
  roumanie: 'RO', bulgarie: 'BG', hongrie: 'HU', 'republique tcheque': 'CZ', tchequie: 'CZ',
  slovaquie: 'SK', croatie: 'HR', serbie: 'RS', albanie: 'AL', kosovo: 'XK', moldavie: 'MD',
  ukraine: 'UA', russie: 'RU', suede: 'SE', norvege: 'NO', danemark: 'DK', finlande: 'FI',
  monaco: 'MC', andorre: 'AD', malte: 'MT', chypre: 'CY', turquie: 'TR', armenie: 'AM', georgie: 'GE',
  algerie: 'DZ', tunisie: 'TN', maroc: 'MA', libye: 'LY', egypte: 'EG', mauritanie: 'MR',
  senegal: 'SN', mali: 'ML', 'cote d ivoire': 'CI', 'cote divoire': 'CI', cameroun: 'CM', guinee: 'GN',
  'burkina faso': 'BF', burkina: 'BF', niger: 'NE', benin: 'BJ', togo: 'TG', gabon: 'GA', congo: 'CG',
  'republique du congo': 'CG', rdc: 'CD', 'republique democratique du congo': 'CD', tchad: 'TD',
  comores: 'KM', madagascar: 'MG', maurice: 'MU', 'ile maurice': 'MU', seychelles: 'SC', djibouti: 'DJ',
  'cap vert': 'CV', angola: 'AO', nigeria: 'NG', ghana: 'GH', 'afrique du sud': 'ZA',
  liban: 'LB', syrie: 'SY', irak: 'IQ', iran: 'IR', israel: 'IL', jordanie: 'JO',
  'arabie saoudite': 'SA', 'emirats arabes unis': 'AE', qatar: 'QA', afghanistan: 'AF', pakistan: 'PK',
  inde: 'IN', 'sri lanka': 'LK', bangladesh: 'BD', chine: 'CN', japon: 'JP', 'coree du sud': 'KR',
  vietnam: 'VN', 'viet nam': 'VN', cambodge: 'KH', laos: 'LA', thailande: 'TH', philippines: 'PH',
  indonesie: 'ID', 'etats unis': 'US', usa: 'US', 'etats unis d amerique': 'US', canada: 'CA', quebec: 'CA',
  mexique: 'MX', bresil: 'BR', argentine: 'AR', colombie: 'CO', chili: 'CL', perou: 'PE', haiti: 'HT',
  australie: 'AU', 'nouvelle zelande': 'NZ',
  guadeloupe: 'GP', martinique: 'MQ', guyane: 'GF', 'guyane francaise': 'GF', reunion: 'RE',
  'la reunion': 'RE', 'ile de la reunion': 'RE', mayotte: 'YT', 'saint pierre et miquelon': 'PM',
  'nouvelle caledonie': 'NC', 'polynesie francaise': 'PF', polynesie: 'PF', tahiti: 'PF',
  'wallis et futuna': 'WF', 'saint martin': 'MF', 'saint barthelemy': 'BL',
};

// ISO alpha-3 codes seen in exports.
const ALPHA3: Record<string, string> = {
  FRA: 'FR', BEL: 'BE', CHE: 'CH', DEU: 'DE', GBR: 'GB', ESP: 'ES', PRT: 'PT', ITA: 'IT', LUX: 'LU',
  NLD: 'NL', DZA: 'DZ', TUN: 'TN', MAR: 'MA', USA: 'US', CAN: 'CA', SEN: 'SN', TUR: 'TR',
};

/** ISO 3166 alpha-2 code from a country as typed ("Belgique", "BE", "BEL", "Royaume-Uni"). */
export function regionFromCountry(country: string | null | undefined): string | undefined {
  const raw = String(country ?? '').trim();
  if (raw === '') return undefined;
  if (/^[A-Za-z]{2}$/.test(raw)) {
    const code = raw.toUpperCase();
    return code === 'UK' ? 'GB' : code;
  }
  if (/^[A-Za-z]{3}$/.test(raw) && ALPHA3[raw.toUpperCase()]) return ALPHA3[raw.toUpperCase()];
  const folded = foldWords(raw).replace(/^(l |la |le |les )/, '');
  return COUNTRY_NAMES[folded] ?? COUNTRY_NAMES[foldWords(raw)];
}

/** French name of a region for messages. */
export function regionName(region: string): string {
  const names: Record<string, string> = {
    FR: 'France', GP: 'Guadeloupe', MF: 'Saint-Martin', BL: 'Saint-Barthélemy', GF: 'Guyane',
    MQ: 'Martinique', RE: 'La Réunion', YT: 'Mayotte', PM: 'Saint-Pierre-et-Miquelon',
    NC: 'Nouvelle-Calédonie', PF: 'Polynésie française', WF: 'Wallis-et-Futuna', MC: 'Monaco',
    BE: 'Belgique', CH: 'Suisse', DE: 'Allemagne', GB: 'Royaume-Uni', ES: 'Espagne', PT: 'Portugal',
    IT: 'Italie', LU: 'Luxembourg', DZ: 'Algérie', TN: 'Tunisie', MA: 'Maroc',
  };
  return names[region] ?? region;
}
