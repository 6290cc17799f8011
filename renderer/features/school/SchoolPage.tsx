import { useEffect, useState, type FormEvent } from 'react';
import type { School } from '../../../shared/contract/school';
import { useAppStore } from '../../app/store';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { call, errorMessage } from '../../transport/call';
import { StaffSection } from './StaffSection';

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

function SchoolForm({ school }: { school: School }) {
  const loadInfo = useAppStore((s) => s.loadInfo);
  const [name, setName] = useState(school.name);
  const [uai, setUai] = useState(school.uai ?? '');
  const [address, setAddress] = useState(school.address ?? '');
  const [departement, setDepartement] = useState(school.departement ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!name.trim()) {
      setError('Le nom de l’établissement est obligatoire.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await call('school.update', {
        name: name.trim(),
        uai: blankToNull(uai)?.toUpperCase() ?? null,
        address: blankToNull(address),
        departement: blankToNull(departement),
      });
      setSaved(true);
      await loadInfo();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <ErrorAlert message={error} />
      <div className="field">
        <label htmlFor="school-name">Nom de l’établissement (obligatoire)</label>
        <input
          id="school-name"
          value={name}
          required
          aria-required="true"
          maxLength={200}
          autoComplete="organization"
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="school-uai">UAI</label>
        <input
          id="school-uai"
          value={uai}
          maxLength={20}
          className="mono short"
          aria-describedby="school-uai-help"
          onChange={(e) => setUai(e.target.value)}
        />
        <p id="school-uai-help" className="muted small">
          Sept chiffres et une lettre de contrôle, par exemple 0751234J.
        </p>
      </div>
      <div className="field">
        <label htmlFor="school-address">Adresse</label>
        <textarea id="school-address" value={address} rows={3} maxLength={500} onChange={(e) => setAddress(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="school-dep">Département</label>
        <input
          id="school-dep"
          value={departement}
          maxLength={3}
          className="short"
          aria-describedby="school-dep-help"
          onChange={(e) => setDepartement(e.target.value)}
        />
        <p id="school-dep-help" className="muted small">
          Numéro du département, par exemple 75, 2A ou 974.
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          Enregistrer
        </button>
        {saved && (
          <span role="status" className="success-text">
            Enregistré.
          </span>
        )}
      </div>
    </form>
  );
}

export function SchoolPage() {
  const info = useAppStore((s) => s.info);
  const infoError = useAppStore((s) => s.infoError);
  const loadInfo = useAppStore((s) => s.loadInfo);
  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);
  return (
    <>
      <PageTitle>Établissement</PageTitle>
      <ErrorAlert message={infoError} />
      {info ? <SchoolForm school={info.school} /> : !infoError && <Loading />}
      <StaffSection />
      {info && (
        <p className="muted small">
          Sésame {info.version} — registre : <span className="mono">{info.dbPath}</span>
        </p>
      )}
    </>
  );
}
