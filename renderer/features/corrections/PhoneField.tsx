import { useCall } from '../../transport/useCall';
import { useDebounced } from '../../lib/debounce';
import { describe, Field } from './Field';

/**
 * Mobile phone as a person gives it: the country whose code applies, chosen by name (« France (+33) »),
 * and the number as typed; the E.164 result is previewed live, and any refusal said in French.
 */
export function PhoneField({
  form,
  raw,
  country,
  postalCode,
  addressCountry,
  error,
  onChange,
}: {
  form: string;
  raw: string;
  country: string;
  postalCode: string;
  addressCountry: string;
  error?: string;
  onChange: (next: { raw: string; country: string }) => void;
}) {
  const countries = useCall('phone.countries', {});
  // Debounced as a string: a fresh object each render would never settle.
  const settled = useDebounced(JSON.stringify({ raw, country, postalCode: postalCode || null, addressCountry: addressCountry || null }), 250);
  const preview = useCall('guardians.previewPhone', JSON.parse(settled) as { raw: string; country: string; postalCode: string | null; addressCountry: string | null });
  const p = raw.trim() === '' ? null : preview.data;
  const frequent = (countries.data ?? []).filter((c) => c.frequent);
  const others = (countries.data ?? []).filter((c) => !c.frequent);
  return (
    <div className="row-fields">
      <Field form={form} field="phoneCountry" label="Indicatif (pays)">
        <select {...describe(form, 'phoneCountry', undefined)} value={country} onChange={(e) => onChange({ raw, country: e.target.value })}>
          {countries.data === null && <option value={country}>{country}</option>}
          <optgroup label="Fréquents">
            {frequent.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Tous les pays">
            {others.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <Field
        form={form}
        field="phone"
        label="Portable"
        error={error}
        hint={
          <span aria-live="polite" data-testid="phone-preview">
            {/* A refusal already said under the field in red is not repeated in grey. */}
            {p === null || (!p.ok && error)
              ? 'Numéro tel que le parent le donne, par exemple 06 12 34 56 78.'
              : p.ok
                ? `Sera enregistré : ${p.international} (${p.display === p.international ? '' : `${p.display}, `}${p.regionLabel}${p.kind === 'mobile' ? '' : ', pas un portable'})${p.warnings.map((w) => ` — ${w.message}`).join('')}`
                : `Non reconnu : ${p.message}`}
          </span>
        }
      >
        <input
          {...describe(form, 'phone', error, true)}
          value={raw}
          inputMode="tel"
          autoComplete="off"
          onChange={(e) => onChange({ raw: e.target.value, country })}
        />
      </Field>
    </div>
  );
}
