import m001 from './001-initial';

/** Numbered, forward-only. The register's user_version is the number of migrations applied. */
export const migrations: readonly string[] = [m001];
