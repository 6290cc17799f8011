import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppEvent } from '../../../shared/contract/events';
import type { ImportSummary, PrepareOutput } from '../../../shared/contract/import';
import type { ErrorCode } from '../../../shared/contract/result';
import { call, CallError, subscribe } from '../../transport/call';
import { fileToBase64 } from './base64';

export type ImportStep = 'choose' | 'mapping' | 'preview' | 'importing' | 'done';
type Progress = Extract<AppEvent, { type: 'import.progress' }>;
export type Mapping = Record<string, Record<string, string | null>>;

interface LoadedFile {
  name: string;
  contentBase64: string;
}

interface ImportState {
  step: ImportStep;
  busy: string | null;
  error: { code: ErrorCode; message: string } | null;
  files: LoadedFile[];
  prepared: PrepareOutput | null;
  mapping: Mapping;
  markAbsentAsLeft: boolean;
  conflictChoices: Record<string, 'keep' | 'incoming'>;
  progress: Progress | null;
  summary: ImportSummary | null;
  analyse(files: File[]): Promise<void>;
  setColumn(file: string, column: number, field: string | null): void;
  applyMapping(): Promise<void>;
  /** Prepares again with the same files and mapping (after a `stale` refusal). */
  reanalyse(): Promise<void>;
  setMarkAbsent(value: boolean): void;
  setConflictChoice(id: string, choice: 'keep' | 'incoming'): void;
  setAllConflicts(choice: 'keep' | 'incoming'): void;
  commit(): Promise<void>;
  cancel(): Promise<void>;
  restart(): void;
}

export const MAX_FILES = 2;

const asError = (err: unknown): { code: ErrorCode; message: string } =>
  err instanceof CallError
    ? { code: err.code, message: err.message }
    : { code: 'internal', message: 'Une erreur inattendue est survenue. Réessayez.' };

/** The mapping the core chose (or was given), as the editable per-file table. */
export function mappingFrom(prepared: PrepareOutput): Mapping {
  const mapping: Mapping = {};
  for (const file of prepared.files) {
    mapping[file.name] = Object.fromEntries(file.columns.map((c) => [String(c.column), c.field]));
  }
  return mapping;
}

const initial = {
  step: 'choose' as ImportStep,
  busy: null,
  error: null,
  files: [],
  prepared: null,
  mapping: {},
  markAbsentAsLeft: false,
  conflictChoices: {},
  progress: null,
  summary: null,
};

// Kept in a store, not in the page, so that leaving the page mid-way does not lose an analysis.
export const importStore = createStore<ImportState>((set, get) => {
  const cancelToken = (prepared: PrepareOutput | null) => {
    if (prepared) call('import.cancel', { token: prepared.token }).catch(() => undefined);
  };

  const prepare = async (mapping: Mapping | undefined) => {
    // The analysis token is only known once it ends: show the progress of whatever analysis runs.
    const stop = subscribe((event) => {
      if (event.type === 'import.progress') set({ progress: event });
    });
    let prepared: PrepareOutput;
    try {
      prepared = await call('import.prepare', {
        files: get().files,
        ...(mapping ? { mapping } : {}),
      });
    } finally {
      stop();
      set({ progress: null });
    }
    const keepMapping = mapping ?? mappingFrom(prepared);
    set({
      prepared,
      mapping: prepared.needsMapping ? { ...mappingFrom(prepared), ...keepMapping } : keepMapping,
      step: prepared.needsMapping || !prepared.plan ? 'mapping' : 'preview',
      conflictChoices: {},
      markAbsentAsLeft: false,
      busy: null,
      error: null,
    });
  };

  return {
    ...initial,
    async analyse(picked) {
      if (picked.length === 0) {
        set({ error: { code: 'invalid_input', message: 'Choisissez d’abord le fichier de l’export.' } });
        return;
      }
      if (picked.length > MAX_FILES) {
        set({
          error: {
            code: 'invalid_input',
            message: `Choisissez un seul fichier, ou deux pour ONDE (élèves et responsables) : ${picked.length} fichiers ont été choisis.`,
          },
        });
        return;
      }
      cancelToken(get().prepared);
      set({ ...initial, busy: 'Lecture du fichier…' });
      try {
        const files: LoadedFile[] = [];
        for (const f of picked) files.push({ name: f.name, contentBase64: await fileToBase64(f) });
        set({ files, busy: 'Analyse du fichier…' });
        await prepare(undefined);
      } catch (err) {
        set({ busy: null, error: asError(err), step: 'choose' });
      }
    },
    setColumn(file, column, field) {
      const mapping = get().mapping;
      set({ mapping: { ...mapping, [file]: { ...mapping[file], [String(column)]: field } } });
    },
    async applyMapping() {
      const { prepared, mapping } = get();
      set({ busy: 'Analyse du fichier avec ces colonnes…', error: null });
      cancelToken(prepared);
      try {
        await prepare(mapping);
      } catch (err) {
        set({ busy: null, error: asError(err) });
      }
    },
    async reanalyse() {
      const { prepared, mapping } = get();
      set({ busy: 'Nouvelle analyse du fichier…', error: null });
      cancelToken(prepared);
      try {
        await prepare(Object.keys(mapping).length > 0 ? mapping : undefined);
      } catch (err) {
        set({ busy: null, error: asError(err), step: 'choose' });
      }
    },
    setMarkAbsent(value) {
      set({ markAbsentAsLeft: value });
    },
    setConflictChoice(id, choice) {
      set({ conflictChoices: { ...get().conflictChoices, [id]: choice } });
    },
    setAllConflicts(choice) {
      const conflicts = get().prepared?.plan?.conflicts ?? [];
      set({ conflictChoices: Object.fromEntries(conflicts.map((c) => [c.id, choice])) });
    },
    async commit() {
      const { prepared, markAbsentAsLeft, conflictChoices } = get();
      if (!prepared?.plan) return;
      const token = prepared.token;
      set({ step: 'importing', progress: null, error: null });
      const stop = subscribe((event) => {
        if (event.type === 'import.progress' && event.token === token) set({ progress: event });
      });
      try {
        const summary = await call('import.commit', { token, markAbsentAsLeft, conflictChoices });
        set({ step: 'done', summary, prepared: null });
      } catch (err) {
        const error = asError(err);
        if (error.code === 'stale') {
          error.message += ' Analysez à nouveau le fichier pour voir ce qui a changé.';
        }
        set({ step: 'preview', error });
      } finally {
        stop();
      }
    },
    async cancel() {
      cancelToken(get().prepared);
      set({ ...initial });
    },
    restart() {
      set({ ...initial });
    },
  };
});

export function useImportStore<T>(selector: (state: ImportState) => T): T {
  return useStore(importStore, selector);
}
