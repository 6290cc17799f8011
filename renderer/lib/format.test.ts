import { describe, expect, it } from 'vitest';
import { formatDateFr, formatNumber, formatPhone, legalRankLabel, ofName, plural } from './format';

describe('format', () => {
  it('formats ISO dates as dd/mm/yyyy and refuses anything else', () => {
    expect(formatDateFr('2015-03-12')).toBe('12/03/2015');
    expect(formatDateFr('12/03/2015')).toBeNull();
    expect(formatDateFr(null)).toBeNull();
  });

  it('formats numbers the French way', () => {
    expect(formatNumber(100000)).toBe('100\u202f000');
    expect(plural(1, 'élève', 'élèves')).toBe('1 élève');
    expect(plural(2500, 'élève', 'élèves')).toBe('2\u202f500 élèves');
  });

  it('shows French numbers nationally, others (overseas included) internationally', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+262692123456')).toBe('+262 692 12 34 56');
    expect(formatPhone('+32470123456')).toBe('+32 470 12 34 56');
    expect(formatPhone('not a phone')).toBe('not a phone');
    expect(formatPhone(null)).toBeNull();
  });

  it('names legal ranks', () => {
    expect(legalRankLabel(1)).toBe('Responsable légal 1');
    expect(legalRankLabel(0)).toBe('Autre responsable');
  });

  it('elides « de » before a vowel or a mute h, as French writes it', () => {
    expect(ofName('Isabelle')).toBe('d’Isabelle');
    expect(ofName('Hélène')).toBe('d’Hélène');
    expect(ofName('Élodie')).toBe('d’Élodie');
    expect(ofName('Paul')).toBe('de Paul');
  });
});
