import { href } from '../../app/router';
import { useRevision } from '../../app/store';
import { Empty, ErrorAlert, Item, Loading, PageTitle } from '../../app/ui';
import { formatDateFr, formatPhone, legalRankLabel, studentStatusLabel } from '../../lib/format';
import { useCall } from '../../transport/useCall';
import { EditLink } from '../corrections/GuardianCorrections';
import { HistorySection } from '../corrections/HistorySection';

/** Birth date as dd/mm/yyyy, with what was typed when it differs or could not be read. */
export function BirthDate({ iso, raw }: { iso: string | null; raw: string | null }) {
  const shown = formatDateFr(iso);
  const rawText = raw?.trim() ?? '';
  if (!shown) {
    return rawText ? (
      <span>
        <span className="badge badge-error">Date non reconnue</span> valeur saisie : « {rawText} »
      </span>
    ) : (
      <Empty />
    );
  }
  const differs = rawText !== '' && rawText !== shown && rawText !== iso;
  return (
    <span>
      {shown}
      {differs && <span className="muted"> (valeur saisie : « {rawText} »)</span>}
    </span>
  );
}

export function StudentPage({ id }: { id: string }) {
  const revision = useRevision('student', 'guardian', 'import');
  const { data: s, error, loading } = useCall('students.get', { id }, revision);
  if (!s) {
    return (
      <>
        <PageTitle>Élève</PageTitle>
        {loading ? <Loading /> : <ErrorAlert message={error?.message ?? 'Élève introuvable.'} />}
        <p>
          <a href={href({ name: 'students' })}>Retour à la liste</a>
        </p>
      </>
    );
  }
  const ineDiffers = s.ineRaw !== null && s.ineRaw.trim() !== '' && s.ineRaw.trim() !== s.ine;
  return (
    <>
      <p className="breadcrumb">
        {/* Not « Élèves »: the navigation already has a link with that name. */}
        <a href={href({ name: 'students' })}>← Retour à la liste</a>
      </p>
      <PageTitle>
        {s.lastName} {s.firstName}
      </PageTitle>
      <ErrorAlert message={error?.message} />
      <EditLink route={{ name: 'studentEdit', id: s.id }}>Modifier</EditLink>
      <section aria-labelledby="student-identity" className="panel">
        <h2 id="student-identity">Identité</h2>
        <dl className="dl">
          <Item term="Nom">{s.lastName || <Empty />}</Item>
          <Item term="Prénom">{s.firstName || <Empty />}</Item>
          <Item term="Date de naissance">
            <BirthDate iso={s.birthDate} raw={s.birthDateRaw} />
          </Item>
          <Item term="INE">
            {s.ine ? <span className="mono">{s.ine}</span> : ineDiffers ? null : <Empty />}
            {ineDiffers &&
              (s.ine ? (
                <span className="muted"> (valeur saisie : « {s.ineRaw} »)</span>
              ) : (
                <span>
                  <span className="badge badge-error">INE non reconnu</span> valeur saisie : « {s.ineRaw} »
                </span>
              ))}
          </Item>
          <Item term="Classe">{s.division ?? <Empty />}</Item>
          <Item term="Statut">{studentStatusLabel(s.status)}</Item>
        </dl>
      </section>
      <section aria-labelledby="student-guardians" className="panel">
        <h2 id="student-guardians">Responsables ({s.guardians.length})</h2>
        {s.guardians.length === 0 ? (
          <p>Aucun responsable enregistré pour cet élève.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Responsables de {s.firstName} {s.lastName}</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Lien</th>
                <th scope="col">Rang</th>
                <th scope="col">Téléphone</th>
                <th scope="col">Courriel</th>
              </tr>
            </thead>
            <tbody>
              {[...s.guardians]
                .sort((a, b) => (a.legalRank || 9) - (b.legalRank || 9))
                .map(({ guardian: g, relation, legalRank }) => (
                  <tr key={g.id}>
                    <th scope="row">
                      <a href={href({ name: 'guardian', id: g.id })}>
                        {[g.civility, g.lastName, g.firstName].filter(Boolean).join(' ')}
                      </a>
                    </th>
                    <td>{relation ?? <Empty />}</td>
                    <td>{legalRankLabel(legalRank)}</td>
                    <td className="nowrap">{g.phone ? formatPhone(g.phone) : <Empty />}</td>
                    <td>{g.email ?? <Empty />}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </section>
      <HistorySection entity="student" id={s.id} />
    </>
  );
}
