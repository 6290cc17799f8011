import { formatNumber } from '../../lib/format';

interface CountsProps {
  students: { created: number; updated: number; unchanged: number; left: number };
  guardians: { created: number; updated: number; unchanged: number };
  rejected: number;
  rows: number;
  /** Preview says « seront créés », summary « créés ». */
  future: boolean;
}

function Stat({ testId, value, label }: { testId: string; value: number; label: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatNumber(value)}</dd>
    </div>
  );
}

export function Counts({ students, guardians, rejected, rows, future }: CountsProps) {
  const w = (now: string, later: string) => (future ? later : now);
  return (
    <div className="counts">
      <section aria-labelledby="counts-students" className="count-group">
        <h3 id="counts-students">Élèves</h3>
        <dl className="stats">
          <Stat testId="count-students-created" value={students.created} label={w('créés', 'à créer')} />
          <Stat testId="count-students-updated" value={students.updated} label={w('mis à jour', 'à mettre à jour')} />
          <Stat testId="count-students-unchanged" value={students.unchanged} label="inchangés" />
          <Stat testId="count-students-left" value={students.left} label={w('sortis', 'à marquer sortis')} />
        </dl>
      </section>
      <section aria-labelledby="counts-guardians" className="count-group">
        <h3 id="counts-guardians">Responsables</h3>
        <dl className="stats">
          <Stat testId="count-guardians-created" value={guardians.created} label={w('créés', 'à créer')} />
          <Stat testId="count-guardians-updated" value={guardians.updated} label={w('mis à jour', 'à mettre à jour')} />
          <Stat testId="count-guardians-unchanged" value={guardians.unchanged} label="inchangés" />
        </dl>
      </section>
      <section aria-labelledby="counts-rows" className="count-group">
        <h3 id="counts-rows">Lignes</h3>
        <dl className="stats">
          <Stat testId="count-rows" value={rows} label="lues" />
          <Stat testId="count-rejected" value={rejected} label="rejetées" />
        </dl>
      </section>
    </div>
  );
}
