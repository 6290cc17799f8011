// Letterhead (signatory, phone, address, activation page) and the editable letter text.
import { useEffect, useState, type FormEvent } from 'react';
import type { Letterhead, LetterSettings } from '../../../shared/contract/letters';
import { TEMPLATE_FIELD_LABELS, TEMPLATE_PLACEHOLDERS, type LetterTemplate, type LetterTemplateField } from '../../../shared/letters/template';
import { ErrorAlert, Loading } from '../../app/ui';
import { call, errorMessage } from '../../transport/call';
import { useCall } from '../../transport/useCall';

const HEAD_FIELDS: Array<{ key: keyof Letterhead; label: string; help?: string }> = [
  { key: 'signatory', label: 'Signataire', help: 'Par exemple : Le principal, M. Dupont' },
  { key: 'phone', label: 'Téléphone du secrétariat' },
  { key: 'address', label: 'Adresse (en-tête)', help: 'Vide : l’adresse de l’établissement' },
  { key: 'city', label: 'Ville (« Toulouse, le … »)' },
  { key: 'activationUrl', label: 'Page d’activation (code QR)', help: 'Vide : l’adresse du service de comptes suivie de /activer' },
];

function Form({ settings, onSaved }: { settings: LetterSettings; onSaved: () => void }) {
  const [head, setHead] = useState<Letterhead>(settings.letterhead);
  const [template, setTemplate] = useState<LetterTemplate>(settings.template);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setHead(settings.letterhead);
    setTemplate(settings.template);
  }, [settings]);

  const save = async (e: FormEvent, reset = false) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await call('letters.template.set', { template: reset ? null : template, letterhead: head });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form className="form" onSubmit={(e) => void save(e)} noValidate>
      <ErrorAlert message={error} />
      {HEAD_FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`lh-${f.key}`}>{f.label}</label>
          <input
            id={`lh-${f.key}`}
            value={head[f.key] ?? ''}
            aria-describedby={f.help ? `lh-${f.key}-help` : undefined}
            onChange={(e) => setHead({ ...head, [f.key]: e.target.value || null })}
          />
          {f.help && (
            <p id={`lh-${f.key}-help`} className="muted small">
              {f.help}
            </p>
          )}
        </div>
      ))}
      <p className="muted small">
        Texte du courrier. Espaces réservés :{' '}
        {Object.entries(TEMPLATE_PLACEHOLDERS)
          .map(([k, v]) => `{{${k}}} (${v})`)
          .join(', ')}
        . Le mot de passe provisoire est imprimé dans son cadre, jamais dans le texte.
      </p>
      {(Object.keys(TEMPLATE_FIELD_LABELS) as LetterTemplateField[]).map((k) => (
        <div className="field" key={k}>
          <label htmlFor={`tpl-${k}`}>{TEMPLATE_FIELD_LABELS[k]}</label>
          <textarea id={`tpl-${k}`} rows={k === 'help' || k.startsWith('steps') ? 6 : 2} value={template[k]} onChange={(e) => setTemplate({ ...template, [k]: e.target.value })} />
        </div>
      ))}
      <div className="actions">
        <button type="submit" className="primary">
          Enregistrer le modèle
        </button>
        <button type="button" onClick={(e) => void save(e, true)}>
          Revenir au texte par défaut
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

export function LetterSettingsForm() {
  const [rev, setRev] = useState(0);
  const s = useCall('letters.template.get', {}, rev);
  return (
    <section aria-labelledby="letters-settings" className="panel">
      <details>
        <summary>
          <h2 id="letters-settings" style={{ display: 'inline' }}>
            Modèle et en-tête du courrier {s.data?.isDefault ? '(texte par défaut)' : ''}
          </h2>
        </summary>
        {s.data ? <Form settings={s.data} onSaved={() => setRev((n) => n + 1)} /> : s.loading ? <Loading /> : <ErrorAlert message={s.error?.message} />}
      </details>
    </section>
  );
}
