import { formatNumber } from '../../lib/format';
import { PHASES, progressPercent } from './progress';
import { useImportStore } from './store';

/** The import's progress, fed by `import.progress` events; also shown while a file is analysed. */
export function ProgressBar({ label }: { label: string }) {
  const progress = useImportStore((s) => s.progress);
  const pct = progress ? progressPercent(progress.done, progress.total) : 0;
  const phase = progress ? (PHASES[progress.phase] ?? progress.phase) : 'Préparation';
  return (
    <>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${phase} : ${pct} %`}
        className="progress"
      >
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="muted" aria-live="polite">
        {phase}
        {progress && progress.total > 0 ? ` — ${formatNumber(progress.done)} sur ${formatNumber(progress.total)}` : '…'}
      </p>
    </>
  );
}

export function ProgressStep() {
  return (
    <section aria-labelledby="step-progress" className="panel">
      <h2 id="step-progress">Étape 4 : import en cours</h2>
      <p>Ne fermez pas Sésame pendant l’import.</p>
      <ProgressBar label="Progression de l’import" />
    </section>
  );
}
