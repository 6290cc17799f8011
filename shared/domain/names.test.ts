import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messyString } from './testArbitraries';
import { fullNameKey, nameKey, normaliseName } from './names';

const value = (raw: string) => {
  const r = normaliseName(raw);
  if (!r.ok) throw new Error(`expected ok for ${JSON.stringify(raw)}: ${r.message}`);
  return r.value;
};

describe('normaliseName', () => {
  it.each([
    ['  Dupont  ', 'Dupont'],
    ['DUPONT', 'DUPONT'],
    ['élodie-marie   d’angelo', 'élodie-marie d\'angelo'],
    ['Jean\u00A0Pierre', 'Jean Pierre'],
    ['Jean\u202FPierre', 'Jean Pierre'],
    ['Jean - Pierre', 'Jean-Pierre'],
    ['Jean–Pierre', 'Jean-Pierre'],
    ['D ’ Angelo', "D'Angelo"],
    ['O`Neill', "O'Neill"],
    ['Marie--Claire', 'Marie-Claire'],
    ['-Dupont-', 'Dupont'],
    ['Van der\tBerg', 'Van der Berg'],
    ['Jean\u200B-Luc', 'Jean-Luc'],
    ['St. Pierre', 'St. Pierre'],
    ['E\u0301lodie', 'Élodie'], // decomposed é is recomposed (NFC)
  ])('%j → %j', (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it.each(['Łukasz', 'Şükrü', 'Nguyễn', 'Ødegård', 'Ahmed-Ali', 'Сергей', 'Γιώργος', 'محمد', '王秀英', 'Çağrı', 'Đorđe', 'Þór', 'Mañé'])(
    'keeps %s exactly',
    (name) => {
      expect(value(name)).toBe(name);
    },
  );

  it('refuses empty, letterless and digit-bearing values with a reason', () => {
    expect(normaliseName('   ')).toMatchObject({ ok: false, code: 'empty' });
    expect(normaliseName("- ' -")).toMatchObject({ ok: false, code: 'no_letter' });
    expect(normaliseName('Dup0nt')).toMatchObject({ ok: false, code: 'digits' });
    expect(normaliseName('123')).toMatchObject({ ok: false, code: 'digits' });
    const paren = normaliseName('Dupont (épouse Martin)');
    expect(paren).toMatchObject({ ok: false, code: 'invalid_character' });
    if (!paren.ok) expect(paren.message).toContain('(');
    expect(normaliseName('A'.repeat(101))).toMatchObject({ ok: false, code: 'too_long' });
  });

  it('never throws on arbitrary strings, and what it accepts is stable', () => {
    fc.assert(
      fc.property(messyString, (raw) => {
        const r = normaliseName(raw);
        if (r.ok) {
          expect(r.value).toBe(r.value.trim());
          expect(r.value).not.toMatch(/\s{2}/);
          expect(normaliseName(r.value)).toEqual(r);
        } else {
          expect(r.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 150 },
    );
  });

  const letters = [...'abcdeéèêëàâäçîïôöùûüÿñłøßæœđışğčřžšąęźżőűåãõýþðαβγδλωабвгджзийклмнпрсуфхцчшщюяאבגדابتثجحخدذرزسشصضطظعغفقكلمنهوي中国王李张ǅ'];
  const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const name = fc
    .tuple(word, fc.array(fc.tuple(fc.constantFrom(' ', '-', "'", '  ', ' - ', '\u00A0'), word), { maxLength: 3 }))
    .map(([first, rest]) => first + rest.map(([sep, w]) => sep + w).join(''));

  it('never drops a letter of any script, and is idempotent', () => {
    fc.assert(
      fc.property(name, fc.boolean(), (n, upper) => {
        const raw = upper ? n.toUpperCase() : n;
        const r = normaliseName(raw);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const lettersOf = (s: string) => (s.normalize('NFC').match(/\p{L}/gu) ?? []).join('');
        expect(lettersOf(r.value)).toBe(lettersOf(raw));
        expect(normaliseName(r.value)).toEqual(r);
      }),
      { numRuns: 150 },
    );
  });
});

describe('nameKey', () => {
  it('folds case, accents, hyphens, apostrophes and dots', () => {
    expect(nameKey('Élodie-Marie  D’Angelo')).toBe('ELODIE MARIE D ANGELO');
    expect(nameKey('ELODIE MARIE D ANGELO')).toBe('ELODIE MARIE D ANGELO');
    expect(nameKey('St.-Exupéry')).toBe(nameKey('ST EXUPERY'));
  });

  it.each([
    ['Łukasz', 'LUKASZ'],
    ['Ødegård', 'ODEGARD'],
    ['Straße', 'STRASSE'],
    ['Lætitia', 'LAETITIA'],
    ['Œdipe', 'OEDIPE'],
    ['Đorđe', 'DORDE'],
    ['Yıldız', 'YILDIZ'],
    ['İlkay', 'ILKAY'],
    ['Nguyễn', 'NGUYEN'],
    ['Şükrü', 'SUKRU'],
    ['Сергей', 'СЕРГЕИ'], // marks are folded in every script: the key only serves matching
  ])('%s → %s', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });

  it('is insensitive to case, accents and hyphen-vs-space', () => {
    const latin = [...'abcdefghijklmnopqrstuvwxyzéèêàâçîïôùûüœæ'];
    const word = fc.array(fc.constantFrom(...latin), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('-', ' ', "'", '’', '  '), (words, sep) => {
        const spaced = words.join(' ');
        const joined = words.join(sep);
        const stripped = spaced.normalize('NFD').replace(/\p{M}/gu, '');
        expect(nameKey(joined)).toBe(nameKey(spaced));
        expect(nameKey(spaced.toUpperCase())).toBe(nameKey(spaced));
        expect(nameKey(stripped)).toBe(nameKey(spaced));
        expect(nameKey(nameKey(spaced))).toBe(nameKey(spaced));
      }),
      { numRuns: 200 },
    );
  });

  it('fullNameKey separates last and first name', () => {
    expect(fullNameKey('Dupont-Martin', 'Jean Luc')).toBe('DUPONT MARTIN|JEAN LUC');
    expect(fullNameKey('DUPONT MARTIN', 'jean-luc')).toBe(fullNameKey('Dupont-Martin', 'Jean Luc'));
    expect(fullNameKey('Jean', 'Luc')).not.toBe(fullNameKey('Jean Luc', ''));
  });
});
