import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FieldWarning, GuardianChanges, GuardianForm } from '../../../shared/contract/corrections';
import { useUnsavedChanges } from '../../app/leaveGuard';
import { href } from '../../app/router';
import { useRevision } from '../../app/store';
import { ErrorAlert, Loading, PageTitle } from '../../app/ui';
import { call } from '../../transport/call';
import { useCall } from '../../transport/useCall';
import { describe, Field, fieldId } from './Field';
import { saveFailure, type SaveFailure } from './fieldErrors';
import { HistorySection } from './HistorySection';
import { useFieldChecks } from './inlineCheck';
import { LinksSection } from './LinksSection';
import { PhoneField } from './PhoneField';

const FORM = 'guardian';
const ADDRESS_KEYS = ['line1', 'line2', 'postalCode', 'city', 'country'] as const;
const ADDRESS_LABELS: Record<(typeof ADDRESS_KEYS)[number], string> = {
  line1: 'Adresse',
  line2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  country: 'Pays',
};

interface Draft {
  civility: string;
  lastName: string;
  firstName: string;
  phoneRaw: string;
  phoneCountry: string;
  email: string;
  address: Record<(typeof ADDRESS_KEYS)[number], string>;
}

function draftOf(f: GuardianForm): Draft {
  return {
    civility: f.civility ?? '',
    lastName: f.lastName,
    firstName: f.firstName,
    phoneRaw: f.phoneDisplay ?? f.phoneRaw ?? '',
    phoneCountry: f.phoneCountry,
    email: f.email ?? f.emailRaw ?? '',
    address: {
      line1: f.address.line1 ?? '',
      line2: f.address.line2 ?? '',
      postalCode: f.address.postalCode ?? '',
      city: f.address.city ?? '',
      country: f.address.country ?? '',
    },
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s);

/** Only what changed is sent: an untouched raw value is never rewritten. */
export function guardianChanges(before: Draft, after: Draft): GuardianChanges {
  const c: GuardianChanges = {};
  if (after.civility !== before.civility) c.civility = orNull(after.civility);
  if (after.lastName !== before.lastName) c.lastName = after.lastName;
  if (after.firstName !== before.firstName) c.firstName = after.firstName;
  if (after.phoneRaw !== before.phoneRaw || (after.phoneCountry !== before.phoneCountry && after.phoneRaw.trim() !== '')) {
    c.phone = after.phoneRaw.trim() === '' ? null : { raw: after.phoneRaw, country: after.phoneCountry };
  }
  if (after.email !== before.email) c.email = orNull(after.email);
  const address: NonNullable<GuardianChanges['address']> = {};
  for (const k of ADDRESS_KEYS) if (after.address[k] !== before.address[k]) address[k] = orNull(after.address[k]);
  if (Object.keys(address).length > 0) c.address = address;
  return c;
}

interface Notice {
  saved: string | null;
  warnings: FieldWarning[];
}

function EditForm({
  form,
  focusField,
  fromDesk,
  notice,
  onNotice,
  onSaved,
}: {
  form: GuardianForm;
  focusField?: string;
  /** Opened from « À corriger »: offers the way back there. */
  fromDesk: boolean;
  notice: Notice;
  onNotice: (n: Notice) => void;
  onSaved: () => void;
}) {
  const initial = draftOf(form);
  const [draft, setDraft] = useState<Draft>(initial);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const { saved, warnings } = notice;
  const setSaved = (s: string | null) => onNotice({ saved: s, warnings: s ? notice.warnings : [] });
  const [busy, setBusy] = useState(false);
  // Inline checks (the import's rules); the core checks again on save.
  const { errors, edited, left } = useFieldChecks(failure, setFailure);
  // Leaving with unsaved changes asks first. Measured from what was last saved: a save the core
  // found empty (same value written differently) keeps this form mounted, and must count as saved.
  const [savedDraft, setSavedDraft] = useState<Draft | null>(null);
  useUnsavedChanges(Object.keys(guardianChanges(savedDraft ?? initial, draft)).length > 0);

  useEffect(() => {
    if (focusField) document.getElementById(fieldId(FORM, focusField))?.focus();
  }, [focusField]);
  // The outcome sits under the form, often below a laptop's screen: brought into view once saved.
  const statusRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (saved) statusRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [saved]);

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(null);
  };
  const setAddress = (k: (typeof ADDRESS_KEYS)[number], v: string) => set({ address: { ...draft.address, [k]: v } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes = guardianChanges(initial, draft);
    if (Object.keys(changes).length === 0) {
      setSaved('Aucune modification à enregistrer.');
      return;
    }
    setBusy(true);
    try {
      const r = await call('guardians.update', { id: form.id, baseVersion: form.version, changes });
      setFailure(null);
      setSavedDraft(draft);
      onNotice({ saved: r.changes > 0 ? 'Modifications enregistrées.' : 'Aucune modification à enregistrer.', warnings: r.warnings });
      onSaved();
    } catch (err) {
      const f = saveFailure(err);
      setFailure(f);
      setSaved(null);
      const first = Object.keys(f.fields)[0];
      if (first) document.getElementById(fieldId(FORM, first))?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="guardian-edit-title">
      <h2 id="guardian-edit-title">Coordonnées</h2>
      <ErrorAlert message={failure?.message} />
      <div className="row-fields">
        <Field form={FORM} field="civility" label="Civilité" error={errors.civility}>
          <select {...describe(FORM, 'civility', errors.civility)} value={draft.civility} onChange={(e) => set({ civility: e.target.value })}>
            <option value="">Non renseignée</option>
            <option value="Mme">Mme</option>
            <option value="M.">M.</option>
            {draft.civility && draft.civility !== 'Mme' && draft.civility !== 'M.' && <option value={draft.civility}>{draft.civility}</option>}
          </select>
        </Field>
        <Field form={FORM} field="lastName" label="Nom" error={errors.lastName}>
          <input {...describe(FORM, 'lastName', errors.lastName)} value={draft.lastName} onChange={(e) => { set({ lastName: e.target.value }); edited('lastName', e.target.value); }} onBlur={(e) => left('lastName', e.target.value, e.relatedTarget)} autoComplete="off" />
        </Field>
        <Field form={FORM} field="firstName" label="Prénom" error={errors.firstName}>
          <input {...describe(FORM, 'firstName', errors.firstName)} value={draft.firstName} onChange={(e) => { set({ firstName: e.target.value }); edited('firstName', e.target.value); }} onBlur={(e) => left('firstName', e.target.value, e.relatedTarget)} autoComplete="off" />
        </Field>
      </div>
      <PhoneField
        form={FORM}
        raw={draft.phoneRaw}
        country={draft.phoneCountry}
        postalCode={draft.address.postalCode}
        addressCountry={draft.address.country}
        error={errors.phone}
        onChange={({ raw, country }) => set({ phoneRaw: raw, phoneCountry: country })}
      />
      <Field
        form={FORM}
        field="email"
        label="Courriel"
        error={errors.email}
        hint={
          form.emailSuggestion && draft.email !== form.emailSuggestion ? (
            <span>
              Faute de frappe probable.{' '}
              <button type="button" onClick={() => set({ email: form.emailSuggestion ?? draft.email })}>
                Utiliser {form.emailSuggestion}
              </button>
            </span>
          ) : undefined
        }
      >
        <input
          {...describe(FORM, 'email', errors.email, Boolean(form.emailSuggestion && draft.email !== form.emailSuggestion))}
          type="text"
          inputMode="email"
          value={draft.email}
          onChange={(e) => { set({ email: e.target.value }); edited('email', e.target.value); }} onBlur={(e) => left('email', e.target.value, e.relatedTarget)}
          autoComplete="off"
        />
      </Field>
      <fieldset className="group">
        <legend>Adresse postale</legend>
        {ADDRESS_KEYS.map((k) => {
          const field = `address.${k}`;
          return (
            <Field key={k} form={FORM} field={field} label={ADDRESS_LABELS[k]} error={errors[field]}>
              <input
                {...describe(FORM, field, errors[field])}
                className={k === 'postalCode' ? 'short' : undefined}
                value={draft.address[k]}
                onChange={(e) => setAddress(k, e.target.value)}
                autoComplete="off"
              />
            </Field>
          );
        })}
      </fieldset>
      {warnings.length > 0 && (
        <div className="alert alert-warning">
          <p>Enregistré, mais à vérifier :</p>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Enregistrer
        </button>
        <a href={href({ name: 'guardian', id: form.id })}>Retour à la fiche</a>
        {/* Opened from « À corriger » (a field to fix): the way back to the list, where it was. */}
        {fromDesk && <a href={href({ name: 'anomalies' })}>Retour à « À corriger »</a>}
        <span ref={statusRef} role="status" aria-live="polite" className="success-text">
          {saved}
        </span>
      </div>
    </form>
  );
}

/** « Modifier » a guardian: contact details, links to children, history. */
export function GuardianEditPage({ id, field }: { id: string; field?: string }) {
  const revision = useRevision('student', 'guardian', 'import', 'report');
  const [nonce, setNonce] = useState(0);
  const [notice, setNotice] = useState<Notice>({ saved: null, warnings: [] });
  const { data: form, error, loading } = useCall('guardians.editForm', { id }, `${revision}-${nonce}`);
  if (!form) {
    return (
      <>
        <PageTitle>Modifier un responsable</PageTitle>
        {loading ? <Loading /> : <ErrorAlert message={error?.message ?? 'Responsable introuvable.'} />}
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <a href={href({ name: 'guardian', id })}>← Retour à la fiche</a>
      </p>
      <PageTitle>
        Modifier : {[form.civility, form.lastName, form.firstName].filter(Boolean).join(' ')}
      </PageTitle>
      {/* Remounted on each new version, so the draft starts from what is saved. */}
      {/* The field to fix gets the focus once; after a save, the outcome is what to see. */}
      <EditForm key={form.version} form={form} focusField={notice.saved ? undefined : field} fromDesk={field !== undefined} notice={notice} onNotice={setNotice} onSaved={() => setNonce((n) => n + 1)} />
      <LinksSection form={form} onChanged={() => setNonce((n) => n + 1)} />
      <HistorySection entity="guardian" id={id} />
    </>
  );
}
