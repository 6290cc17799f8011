import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, resolveStaticPath, tokenMatches } from './http';

describe('browser-mode guards', () => {
  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
    expect(tokenMatches('x'.repeat(5000), 'abc')).toBe(false);
  });

  it('accepts only loopback Host headers with our port', () => {
    expect(isAllowedHost('127.0.0.1:5180', 5180)).toBe(true);
    expect(isAllowedHost('localhost:5180', 5180)).toBe(true);
    expect(isAllowedHost('127.0.0.1:5181', 5180)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 5180)).toBe(false);
    expect(isAllowedHost('evil.example:5180', 5180)).toBe(false);
    expect(isAllowedHost(undefined, 5180)).toBe(false);
  });

  it('accepts our own origin or none', () => {
    expect(isAllowedOrigin(undefined, 5180)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5180', 5180)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5180', 5180)).toBe(true);
    expect(isAllowedOrigin('null', 5180)).toBe(false);
    expect(isAllowedOrigin('http://evil.example', 5180)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:5180', 5180)).toBe(false);
  });

  it('keeps static paths inside the folder', () => {
    const root = path.resolve('/srv/app');
    expect(resolveStaticPath(root, '/assets/index.js')).toBe(path.join(root, 'assets/index.js'));
    expect(resolveStaticPath(root, '/')).toBe(root);
    expect(resolveStaticPath(root, '/../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveStaticPath(root, '/..%5c..%5cetc')).toBeNull();
    expect(resolveStaticPath(root, '/a%00b')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });
});
