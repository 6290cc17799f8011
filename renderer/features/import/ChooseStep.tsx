import { useState, type DragEvent } from 'react';
import { formatNumber } from '../../lib/format';
import { MAX_FILES, useImportStore } from './store';

const formatSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} Ko`
    : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

export function ChooseStep() {
  const analyse = useImportStore((s) => s.analyse);
  const busy = useImportStore((s) => s.busy);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    setFiles([...e.dataTransfer.files].slice(0, MAX_FILES + 1));
  };

  return (
    <section aria-labelledby="step-choose" className="panel">
      <h2 id="step-choose">Étape 1 : choisir l’export</h2>
      <p>
        Choisissez le fichier exporté de SIECLE, de l’ENT ou un tableur (CSV ou TSV). Pour ONDE, choisissez les deux
        fichiers ensemble : élèves et responsables.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void analyse(files);
        }}
      >
        <div
          className={`dropzone${dragging ? ' dropzone-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor="import-file">Fichier de l’export</label>
          <input
            id="import-file"
            type="file"
            multiple
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            aria-describedby="import-file-help"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
          <p id="import-file-help" className="muted">
            Vous pouvez aussi glisser le fichier ici. Un fichier, ou deux pour ONDE.
          </p>
          {files.length > 0 && (
            <ul className="file-list" aria-label="Fichiers choisis">
              {files.map((f) => (
                <li key={f.name + f.size}>
                  {f.name} <span className="muted">({formatSize(f.size)})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            Analyser le fichier
          </button>
        </div>
      </form>
    </section>
  );
}
