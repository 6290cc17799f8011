import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BirthDate } from './StudentPage';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('BirthDate', () => {
  it('shows dd/mm/yyyy alone when the typed value says the same', () => {
    expect(text(renderToStaticMarkup(<BirthDate iso="2013-09-30" raw="30/09/2013" />))).toBe('30/09/2013');
    expect(text(renderToStaticMarkup(<BirthDate iso="2013-09-30" raw="2013-09-30" />))).toBe('30/09/2013');
  });

  it('adds what was typed when it was written differently', () => {
    expect(text(renderToStaticMarkup(<BirthDate iso="2014-05-03" raw="3/5/14" />))).toBe(
      '03/05/2014 (valeur saisie : « 3/5/14 »)',
    );
  });

  it('flags a date that could not be read, keeping the raw value', () => {
    const html = renderToStaticMarkup(<BirthDate iso={null} raw="31/02/2014" />);
    expect(text(html)).toBe('Date non reconnue valeur saisie : « 31/02/2014 »');
    expect(html).toContain('badge-error');
  });

  it('says « à renseigner » when nothing was given', () => {
    expect(text(renderToStaticMarkup(<BirthDate iso={null} raw={null} />))).toBe('à renseigner');
  });
});
