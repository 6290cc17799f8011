// Runs search terms against an index's blobs: one Uint8Array of hits per term, intersected.

import { markHits, type Blob } from './blob';
import type { SearchTerm } from './query';

export interface Searchable {
  count: number;
  words: Blob;
  phones: Blob;
  /** Whole emails, searched for terms that look like an address. */
  emails: Blob;
  /** Email local parts, searched for any term of 3+ characters (absent: not searched). */
  emailLocals?: Blob;
}

const MIN_EMAIL_SUBSTRING = 3;

function termHits(ix: Searchable, term: SearchTerm): Uint8Array {
  const hits = new Uint8Array(ix.count);
  if (term.words.length > 0) {
    markHits(ix.words, ` ${term.words[0]}`, hits);
    for (let w = 1; w < term.words.length; w++) {
      const more = new Uint8Array(ix.count);
      markHits(ix.words, ` ${term.words[w]}`, more);
      for (let i = 0; i < ix.count; i++) hits[i] = hits[i]! & more[i]!;
    }
  }
  if (term.emailWhole) markHits(ix.emails, term.email, hits);
  else if (ix.emailLocals && term.email.length >= MIN_EMAIL_SUBSTRING) markHits(ix.emailLocals, term.email, hits);
  if (term.digits) markHits(ix.phones, term.digits, hits);
  return hits;
}

/** Records matching every term (1 = match), or null when there is nothing to search for. */
export function matchTerms(ix: Searchable, terms: readonly SearchTerm[]): Uint8Array | null {
  let acc: Uint8Array | null = null;
  for (const term of terms) {
    const hits = termHits(ix, term);
    if (acc === null) acc = hits;
    else for (let i = 0; i < ix.count; i++) acc[i] = acc[i]! & hits[i]!;
  }
  return acc;
}
