import { href } from '../../app/router';
import { countRows } from './problemFilter';
import { Counts } from './Counts';
import { ProblemList } from './ProblemList';
import { useImportStore } from './store';

export function SummaryStep() {
  const summary = useImportStore((s) => s.summary);
  const restart = useImportStore((s) => s.restart);
  if (!summary) return null;
  return (
    <section aria-labelledby="step-done">
      <h2 id="step-done">Étape 5 : import terminé</h2>
      <p role="status" className="alert alert-success">
        L’import est enregistré.
      </p>
      <Counts
        students={summary.students}
        guardians={summary.guardians}
        rejected={countRows(summary.rejected)}
        rows={summary.rows}
        future={false}
      />
      <div className="actions">
        <a className="button primary" href={href({ name: 'students' })}>
          Consulter le registre
        </a>
        <button type="button" onClick={restart}>
          Importer un autre fichier
        </button>
      </div>
      <ProblemList problems={[...summary.rejected, ...summary.warnings]} title="Lignes rejetées et avertissements" />
    </section>
  );
}
