import { useId } from 'react';

export function SearchBox({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field grow">
      <label htmlFor={id}>Rechercher</label>
      <input
        id={id}
        type="search"
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder="Nom, INE, téléphone, courriel, classe"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
