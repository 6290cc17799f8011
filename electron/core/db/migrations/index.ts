import m001 from './001-initial';
import m002 from './002-corrections';
import m003 from './003-sync';
import m004 from './004-letters';

/** Numbered, forward-only. The register's user_version is the number of migrations applied. */
export const migrations: readonly string[] = [m001, m002, m003, m004];
