import type { GuardianDetail } from '../../../shared/contract/records';
import { href } from '../../app/router';
import { useRevision } from '../../app/store';
import { Empty, ErrorAlert, Item, Loading, PageTitle } from '../../app/ui';
import { formatDateFr, formatPhone, legalRankLabel, ofName, studentStatusLabel } from '../../lib/format';
import { formatPhoneInternational } from '../../../shared/domain/phones';
import { useCall } from '../../transport/useCall';
import { EditLink, GuardianCorrections } from '../corrections/GuardianCorrections';
import { GuardianLetters } from '../letters/GuardianLetters';
import { AccountState } from '../sync/AccountState';

/** The normalised value, or the raw one flagged as not recognised, so nothing typed is hidden. */
function WithRaw({ value, raw, what }: { value: string | null; raw: string | null; what: string }) {
  const rawText = raw?.trim() ?? '';
  if (value === null) {
    return rawText ? (
      <span>
        <span className="badge badge-error">{what} non reconnu</span> valeur saisie : « {rawText} »
      </span>
    ) : (
      <Empty />
    );
  }
  return <span>{value}</span>;
}

function AddressBlock({ address }: { address: GuardianDetail['address'] }) {
  const lines = [
    address.line1,
    address.line2,
    [address.postalCode, address.city].filter(Boolean).join(' ') || null,
    address.country,
  ].filter((l): l is string => Boolean(l && l.trim()));
  if (lines.length === 0) return <Empty />;
  return (
    <address>
      {lines.map((l, i) => (
        <span key={i} className="address-line">
          {l}
        </span>
      ))}
    </address>
  );
}

/** The record a merged-away guardian went into (the core says so in the error's details). */
const mergedInto = (error: { details?: unknown } | null | undefined): string | null => {
  const v = (error?.details as { mergedInto?: unknown } | undefined)?.mergedInto;
  return typeof v === 'string' ? v : null;
};

export function GuardianPage({ id }: { id: string }) {
  const revision = useRevision('student', 'guardian', 'import');
  const { data: g, error, loading } = useCall('guardians.get', { id }, revision);
  if (!g) {
    return (
      <>
        <PageTitle>Responsable</PageTitle>
        {loading ? <Loading /> : <ErrorAlert message={error?.message ?? 'Responsable introuvable.'} />}
        <p>
          {mergedInto(error) && (
            <>
              <a href={href({ name: 'guardian', id: mergedInto(error)! })}>Ouvrir la fiche gardée</a>
              {' · '}
            </>
          )}
          <a href={href({ name: 'guardians' })}>Retour à la liste</a>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        {/* Not « Responsables »: the navigation already has a link with that name. */}
        <a href={href({ name: 'guardians' })}>← Retour à la liste</a>
      </p>
      <PageTitle>{[g.civility, g.lastName, g.firstName].filter(Boolean).join(' ')}</PageTitle>
      <ErrorAlert message={error?.message} />
      <EditLink route={{ name: 'guardianEdit', id: g.id }}>Modifier</EditLink>
      <section aria-labelledby="guardian-identity" className="panel">
        <h2 id="guardian-identity">Coordonnées</h2>
        <dl className="dl">
          <Item term="Civilité">{g.civility ?? <Empty />}</Item>
          <Item term="Nom">{g.lastName || <Empty />}</Item>
          <Item term="Prénom">{g.firstName || <Empty />}</Item>
          <Item term="Téléphone">
            <WithRaw value={formatPhone(g.phone)} raw={g.phoneRaw} what="Numéro" />
            {g.phone && formatPhoneInternational(g.phone) !== formatPhone(g.phone) && (
              <span className="muted small"> ({formatPhoneInternational(g.phone)} depuis l’étranger)</span>
            )}
          </Item>
          <Item term="Courriel">
            <WithRaw value={g.email} raw={g.emailRaw} what="Courriel" />
            {g.email && g.emailRaw && g.emailRaw.trim() !== g.email && (
              <span className="muted"> (valeur saisie : « {g.emailRaw.trim()} »)</span>
            )}
          </Item>
          <Item term="Adresse">
            <AddressBlock address={g.address} />
          </Item>
        </dl>
        <AccountState guardianId={g.id} />
      </section>
      <section aria-labelledby="guardian-children" className="panel">
        <h2 id="guardian-children">Enfants ({g.children.length})</h2>
        {g.children.length === 0 ? (
          <p>Aucun enfant rattaché.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Enfants {ofName(g.firstName)} {g.lastName}</caption>
            <thead>
              <tr>
                <th scope="col">Élève</th>
                <th scope="col">Naissance</th>
                <th scope="col">Classe</th>
                <th scope="col">Statut</th>
                <th scope="col">Lien</th>
                <th scope="col">Rang</th>
              </tr>
            </thead>
            <tbody>
              {g.children.map(({ student: s, relation, legalRank }) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a href={href({ name: 'student', id: s.id })}>
                      {s.lastName} {s.firstName}
                    </a>
                  </th>
                  <td>{formatDateFr(s.birthDate) ?? <Empty />}</td>
                  <td>{s.division ?? <Empty />}</td>
                  <td>{studentStatusLabel(s.status)}</td>
                  <td>{relation ?? <Empty />}</td>
                  <td>{legalRankLabel(legalRank)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <GuardianLetters guardianId={g.id} />
      <GuardianCorrections id={g.id} />
    </>
  );
}
