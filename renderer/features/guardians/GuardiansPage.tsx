import { useMemo } from 'react';
import type { GuardianRow } from '../../../shared/contract/records';
import { href, navigate } from '../../app/router';
import { useRevision } from '../../app/store';
import { ErrorAlert, PageTitle } from '../../app/ui';
import { useDebounced } from '../../lib/debounce';
import { formatNumber, formatPhone, plural } from '../../lib/format';
import { SearchBox } from '../../lib/SearchBox';
import { usePagedList } from '../../lib/usePagedList';
import { VirtualTable, type Column } from '../../lib/VirtualTable';
import { call } from '../../transport/call';
import { ListSelectionBar, selectColumn } from '../letters/ListSelection';
import { useGuardianSelection, useGuardiansView, type GuardianSortKey } from './view';

const dash = <span className="muted">—</span>;

/** A value kept as typed because it could not be read: shown, so a search that found it makes sense. */
function Refused({ raw }: { raw: string }) {
  return (
    <span className="muted" title="Valeur saisie, non reconnue">
      « {raw} » <span className="small">(non reconnu)</span>
    </span>
  );
}

const columns: Column<GuardianRow, GuardianSortKey>[] = [
  { id: 'civility', label: 'Civilité', width: '5.5rem', render: (g) => g.civility ?? '' },
  {
    id: 'lastName',
    label: 'Nom',
    sortKey: 'lastName',
    width: 'minmax(8rem, 2fr)',
    // The link is named with the full name; the first name is also in its own column.
    render: (g) => (
      <a href={href({ name: 'guardian', id: g.id })}>
        {g.lastName || '(sans nom)'}
        <span className="visually-hidden"> {g.firstName}</span>
      </a>
    ),
  },
  { id: 'firstName', label: 'Prénom', sortKey: 'firstName', width: 'minmax(7rem, 2fr)', render: (g) => g.firstName },
  {
    id: 'phone',
    label: 'Téléphone',
    sortKey: 'phone',
    width: '10rem',
    render: (g) => (g.phone ? <span className="nowrap">{formatPhone(g.phone)}</span> : g.phoneRaw ? <Refused raw={g.phoneRaw} /> : dash),
  },
  { id: 'email', label: 'Courriel', sortKey: 'email', width: 'minmax(10rem, 3fr)', render: (g) => g.email ?? (g.emailRaw ? <Refused raw={g.emailRaw} /> : dash) },
  {
    id: 'children',
    label: 'Enfants',
    sortKey: 'childCount',
    width: '7.5rem', // « Enfants » and its sort arrow, unclipped at 1366 px
    render: (g) => formatNumber(g.childCount),
  },
];

export function GuardiansPage() {
  const view = useGuardiansView();
  const query = useDebounced(view.query, 150);
  const revision = useRevision('guardian', 'student', 'import');
  const filters = { query: query.trim(), sort: view.sort };
  const queryKey = JSON.stringify(filters);
  const fetchPage = (offset: number, limit: number) => call('guardians.list', { ...filters, offset, limit });
  const list = usePagedList(queryKey, revision, fetchPage);
  const selection = useGuardianSelection();
  // Rebuilt when the selection changes; only the rows on screen render it.
  const withSelect = useMemo(
    () => [selectColumn<GuardianRow, GuardianSortKey>(selection), ...columns],
    [selection],
  );

  return (
    <>
      <PageTitle>Responsables</PageTitle>
      <div className="filters" role="search">
        <SearchBox value={view.query} onChange={(q) => view.set({ query: q })} />
      </div>
      <p className="result-count" aria-live="polite" data-testid="guardians-total">
        {list.total === null ? 'Chargement…' : `${formatNumber(list.total)} responsable${list.total > 1 ? 's' : ''}`}
      </p>
      <ListSelectionBar
        selection={selection}
        place="guardians"
        shown={{ list: 'guardians', query: filters.query }}
        shownTotal={list.total}
        batch={(guardianIds) => ({ scope: 'guardians', guardianIds })}
        countLabel={(n) => plural(n, 'responsable sélectionné', 'responsables sélectionnés')}
        printLabel={(n) => `Imprimer les courriers (${formatNumber(n)})`}
      />
      <ErrorAlert message={list.error} />
      <VirtualTable
        label="Responsables"
        columns={withSelect}
        list={list}
        sort={view.sort}
        onSort={(sort) => view.set({ sort })}
        queryKey={queryKey}
        rowKey={(g) => g.id}
        onOpen={(g) => navigate({ name: 'guardian', id: g.id })}
        empty={
          query ? 'Aucun responsable ne correspond à cette recherche.' : 'Aucun responsable. Commencez par importer un export.'
        }
      />
    </>
  );
}
