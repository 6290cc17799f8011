import { useId, useMemo } from 'react';
import type { StudentRow } from '../../../shared/contract/records';
import { href, navigate } from '../../app/router';
import { useRevision } from '../../app/store';
import { ErrorAlert, PageTitle } from '../../app/ui';
import { useDebounced } from '../../lib/debounce';
import { formatDateFr, formatNumber, plural, studentStatusLabel } from '../../lib/format';
import { SearchBox } from '../../lib/SearchBox';
import { usePagedList } from '../../lib/usePagedList';
import { VirtualTable, type Column } from '../../lib/VirtualTable';
import { call } from '../../transport/call';
import { useCall } from '../../transport/useCall';
import { ListSelectionBar, selectColumn } from '../letters/ListSelection';
import { useStudentSelection, useStudentsView, type StudentSortKey, type StudentStatusFilter } from './view';

const columns: Column<StudentRow, StudentSortKey>[] = [
  {
    id: 'lastName',
    label: 'Nom',
    sortKey: 'lastName',
    width: 'minmax(8rem, 2fr)',
    // The link is named with the full name; the first name is also in its own column.
    render: (s) => (
      <a href={href({ name: 'student', id: s.id })}>
        {s.lastName || '(sans nom)'}
        <span className="visually-hidden"> {s.firstName}</span>
      </a>
    ),
  },
  { id: 'firstName', label: 'Prénom', sortKey: 'firstName', width: 'minmax(7rem, 2fr)', render: (s) => s.firstName },
  {
    id: 'birthDate',
    label: 'Naissance',
    sortKey: 'birthDate',
    width: '8rem',
    render: (s) => formatDateFr(s.birthDate) ?? <span className="muted">—</span>,
  },
  { id: 'division', label: 'Classe', sortKey: 'division', width: '6rem', render: (s) => s.division ?? '—' },
  { id: 'ine', label: 'INE', sortKey: 'ine', width: '9rem', render: (s) => <span className="mono">{s.ine ?? '—'}</span> },
  { id: 'status', label: 'Statut', width: '6rem', render: (s) => studentStatusLabel(s.status) },
  { id: 'guardians', label: 'Resp.', width: '4.5rem', render: (s) => formatNumber(s.guardianCount) },
];

export function StudentsPage() {
  const id = useId();
  const view = useStudentsView();
  const query = useDebounced(view.query, 150);
  const revision = useRevision('student', 'guardian', 'import');
  const divisions = useCall('divisions.list', {}, revision);
  const filters = { query: query.trim(), division: view.division, status: view.status, sort: view.sort };
  const queryKey = JSON.stringify(filters);
  const fetchPage = (offset: number, limit: number) => call('students.list', { ...filters, offset, limit });
  const list = usePagedList(queryKey, revision, fetchPage);
  const selection = useStudentSelection();
  // Rebuilt when the selection changes; only the rows on screen render it.
  const withSelect = useMemo(
    () => [selectColumn<StudentRow, StudentSortKey>(selection), ...columns],
    [selection],
  );

  return (
    <>
      <PageTitle>Élèves</PageTitle>
      <div className="filters" role="search">
        <SearchBox value={view.query} onChange={(q) => view.set({ query: q })} />
        <div className="field">
          <label htmlFor={`${id}-div`}>Classe</label>
          <select
            id={`${id}-div`}
            value={view.division ?? ''}
            onChange={(e) => view.set({ division: e.target.value || null })}
          >
            <option value="">Toutes les classes</option>
            {(divisions.data ?? []).map((d) => (
              <option key={d.name} value={d.name}>
                {d.name} ({formatNumber(d.students)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Statut</label>
          <select
            id={`${id}-status`}
            value={view.status}
            onChange={(e) => view.set({ status: e.target.value as StudentStatusFilter })}
          >
            <option value="enrolled">Inscrits</option>
            <option value="left">Sortis</option>
            <option value="all">Tous</option>
          </select>
        </div>
      </div>
      <p className="result-count" aria-live="polite" data-testid="students-total">
        {list.total === null ? 'Chargement…' : `${formatNumber(list.total)} élève${list.total > 1 ? 's' : ''}`}
      </p>
      <ListSelectionBar
        selection={selection}
        place="students"
        shown={{ list: 'students', query: filters.query, division: filters.division, status: filters.status }}
        shownTotal={list.total}
        batch={(studentIds) => ({ scope: 'students', studentIds })}
        countLabel={(n) => plural(n, 'élève sélectionné', 'élèves sélectionnés')}
        printLabel={(n) => `Imprimer les courriers de leurs responsables (${plural(n, 'élève', 'élèves')})`}
      />
      <ErrorAlert message={list.error} />
      <VirtualTable
        label="Élèves"
        columns={withSelect}
        list={list}
        sort={view.sort}
        onSort={(sort) => view.set({ sort })}
        queryKey={queryKey}
        rowKey={(s) => s.id}
        onOpen={(s) => navigate({ name: 'student', id: s.id })}
        empty={query ? 'Aucun élève ne correspond à cette recherche.' : 'Aucun élève. Commencez par importer un export.'}
      />
    </>
  );
}
