import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from './router';

describe('router', () => {
  it('parses every page and round-trips through href', () => {
    const routes: Route[] = [
      { name: 'dashboard' },
      { name: 'import' },
      { name: 'students' },
      { name: 'student', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
      { name: 'guardians' },
      { name: 'guardian', id: 'id with/slash' },
      { name: 'school' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });

  it('treats an empty hash, or a trailing slash, as expected', () => {
    expect(parseRoute('')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#')).toEqual({ name: 'dashboard' });
    expect(parseRoute('#/eleves/')).toEqual({ name: 'students' });
  });

  it('reports unknown pages instead of guessing', () => {
    expect(parseRoute('#/nope')).toEqual({ name: 'notFound', path: '/nope' });
    expect(parseRoute('#/eleves/a/b')).toMatchObject({ name: 'notFound' });
  });
});
