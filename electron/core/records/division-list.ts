import type { Output } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { compareDivisions } from './divisions';

/** Classes that have enrolled students, in school order, with how many. */
export function listDivisions(ctx: CoreContext): Output<'divisions.list'> {
  const rows = ctx.db.all<{ name: string; students: number }>(
    `SELECT division AS name, count(*) AS students FROM student
      WHERE status = 'enrolled' AND division IS NOT NULL AND division <> ''
      GROUP BY division`,
  );
  return rows.sort((a, b) => compareDivisions(a.name, b.name));
}
