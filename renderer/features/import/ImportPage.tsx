import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { ChooseStep } from './ChooseStep';
import { MappingStep } from './MappingStep';
import { PlanPreview } from './PlanPreview';
import { ProgressStep } from './ProgressStep';
import { useImportStore } from './store';
import { SummaryStep } from './SummaryStep';

export function ImportPage() {
  const step = useImportStore((s) => s.step);
  const busy = useImportStore((s) => s.busy);
  const error = useImportStore((s) => s.error);
  return (
    <>
      <PageTitle>Importer un export</PageTitle>
      {step !== 'preview' && <ErrorAlert message={error?.message} />}
      {busy && <Loading label={busy} />}
      {step === 'choose' && <ChooseStep />}
      {step === 'mapping' && <MappingStep />}
      {step === 'preview' && <PlanPreview />}
      {step === 'importing' && <ProgressStep />}
      {step === 'done' && <SummaryStep />}
    </>
  );
}
