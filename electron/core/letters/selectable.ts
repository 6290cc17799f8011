// « Tout sélectionner » in the guardians and students lists: the ids of every row the list's
// filters show, read through the lists' own search so that the selection is exactly what staff see.
import type { ParsedInput } from '../../../shared/contract';
import { MAX_SELECTION, TOO_MANY_SHOWN } from '../../../shared/contract/letters';
import type { CoreContext } from '../context';
import { AppFailure } from '../errors';
import { listGuardians, listStudents } from '../records/lists';

const SORT = { key: 'lastName', dir: 'asc' } as const;

export function selectableIds(input: ParsedInput<'letters.selectable'>, ctx: CoreContext): { ids: string[] } {
  // One row more than allowed tells "too many" without copying a whole 100,000-row list.
  const page = { offset: 0, limit: MAX_SELECTION + 1 };
  const rows =
    input.list === 'guardians'
      ? listGuardians({ query: input.query, sort: SORT, ...page }, ctx).rows
      : listStudents({ query: input.query, division: input.division, status: input.status, sort: SORT, ...page }, ctx).rows;
  if (rows.length > MAX_SELECTION) {
    throw new AppFailure('invalid_input', TOO_MANY_SHOWN);
  }
  return { ids: rows.map((r) => r.id) };
}
