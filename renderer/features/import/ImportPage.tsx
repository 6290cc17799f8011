import { useEffect } from 'react';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { ChooseStep } from './ChooseStep';
import { MappingStep } from './MappingStep';
import { PlanPreview } from './PlanPreview';
import { ProgressBar, ProgressStep } from './ProgressStep';
import { importStore, useImportStore } from './store';
import { SummaryStep } from './SummaryStep';

export function ImportPage() {
  const step = useImportStore((s) => s.step);
  const busy = useImportStore((s) => s.busy);
  const error = useImportStore((s) => s.error);
  const analysing = useImportStore((s) => s.busy !== null && s.progress !== null);
  // An unfinished import waits for the person to come back; a finished one starts afresh.
  useEffect(
    () => () => {
      if (importStore.getState().step === 'done') importStore.getState().restart();
    },
    [],
  );
  return (
    <>
      <PageTitle>Importer un export</PageTitle>
      {step !== 'preview' && <ErrorAlert message={error?.message} />}
      {busy && <Loading label={busy} />}
      {analysing && <ProgressBar label="Progression de l’analyse" />}
      {step === 'choose' && <ChooseStep />}
      {step === 'mapping' && <MappingStep />}
      {step === 'preview' && <PlanPreview />}
      {step === 'importing' && <ProgressStep />}
      {step === 'done' && <SummaryStep />}
    </>
  );
}
