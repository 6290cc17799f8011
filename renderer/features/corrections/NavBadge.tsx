import { useRevision } from '../../app/store';
import { formatNumber } from '../../lib/format';
import { useCall } from '../../transport/useCall';

function Badge({ n, what }: { n: number; what: string }) {
  if (n === 0) return null;
  return (
    <span className="nav-badge" data-testid={`badge-${what}`}>
      {formatNumber(n)}
      <span className="visually-hidden"> {what}</span>
    </span>
  );
}

function AnomaliesBadge() {
  const revision = useRevision('student', 'guardian', 'import', 'report');
  const { data } = useCall('anomalies.summary', {}, revision);
  return <Badge n={data?.total ?? 0} what="à corriger" />;
}

function ReportsBadge() {
  const revision = useRevision('report', 'guardian', 'student');
  const { data } = useCall('reports.list', { state: 'open', offset: 0, limit: 1 }, revision);
  return <Badge n={data?.open ?? 0} what="ouverts" />;
}

/** Counts next to « À corriger » and « Signalements », refreshed on each register change. */
export function NavBadge({ which }: { which: 'anomalies' | 'reports' }) {
  return which === 'anomalies' ? <AnomaliesBadge /> : <ReportsBadge />;
}
