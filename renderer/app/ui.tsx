import { useEffect, useRef, type ReactNode } from 'react';

/** The page's h1; takes focus when the page opens so screen readers announce the new page. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function ErrorAlert({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div role="alert" className="alert alert-error">
      <p>{message}</p>
      {children}
    </div>
  );
}

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p role="status" className="muted">
      {label}
    </p>
  );
}

/** A label/value pair in a description list. */
export function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="dl-item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Empty() {
  // « à renseigner » agrees with every field (« Adresse non renseigné » did not).
  return <span className="muted">à renseigner</span>;
}
