// Matching the sheet's students and guardians to the register and to each other. Guardians merge
// only on strong evidence (same folded name AND a shared phone or email): a false merge attaches a
// stranger's child to a parent. Look-alikes are reported, never merged. Hash maps only: no O(n²).
// The same evidence against a guardian merged away by staff (an alias) finds the record that
// absorbed it, so that a re-import does not bring the merged record back.
import type { LookAlike, Problem } from '../../../shared/contract/import';
import type { GuardianOcc, StudentRec } from './normalise';
import type { RegAlias, RegGuardian, RegLink, RegStudent, RegisterState } from './register-state';

export interface StudentPlan {
  id: string;
  rec: StudentRec;
  existing: RegStudent | null;
}

export interface GuardianPlan {
  id: string;
  existing: RegGuardian | null;
  nameKey: string;
  /** Normalised contacts ("p:+33…", "e:…"): a handful, so an array. */
  contacts: string[];
  /** The first occurrence, completed by later ones where it had no value. */
  data: GuardianOcc;
  /** Where the guardian appears (occurrences themselves: they carry file and row). */
  rows: Array<{ file: string; row: number }>;
  /** Students already linked in this plan (duplicates of a pair are skipped). */
  students: StudentPlan[];
}

export interface LinkPlan {
  id: string;
  student: StudentPlan;
  guardian: GuardianPlan;
  relation: string | null;
  legalRank: number;
  existing: RegLink | null;
}

export interface MatchResult {
  students: StudentPlan[];
  guardians: GuardianPlan[];
  links: LinkPlan[];
  lookAlikes: LookAlike[];
  /** Register students matched by the sheet (by id). */
  seenStudentIds: Set<string>;
  problems: Problem[];
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

const contactsOf = (g: RegGuardian): string[] => {
  const c: string[] = [];
  if (g.phone) c.push(`p:${g.phone}`);
  if (g.email) c.push(`e:${g.email}`);
  return c;
};

const label = (last: string, first: string) => `${last} ${first}`.trim();

export function matchBatch(
  students: StudentRec[],
  occurrences: GuardianOcc[],
  reg: RegisterState,
  newId: () => string,
  onProgress: (done: number, total: number) => void,
): MatchResult {
  const problems: Problem[] = [];
  const total = students.length + occurrences.length;
  const step = Math.max(1, Math.ceil(total / 20));
  let done = 0;
  const tick = () => {
    if (++done % step === 0) onProgress(done, total);
  };

  // Students: INE first, then names + birth date. An empty register (first import) skips lookups.
  const regById = new Map<string, RegStudent>();
  const byIne = new Map<string, RegStudent>();
  const byMatch = new Map<string, RegStudent[]>();
  for (const s of reg.students) {
    regById.set(s.id, s);
    if (s.ine) byIne.set(s.ine, s);
    push(byMatch, s.match_key, s);
  }
  const hasRegStudents = reg.students.length > 0;
  const planByRec = new Map<StudentRec, StudentPlan>();
  const planByExisting = new Map<string, StudentPlan>();
  const studentPlans: StudentPlan[] = [];
  for (const rec of students) {
    let existing: RegStudent | null = null;
    if (hasRegStudents) {
      if (rec.registerId) existing = regById.get(rec.registerId) ?? null;
      if (!existing && rec.ine) existing = byIne.get(rec.ine) ?? null;
      if (!existing) {
        const candidates = (byMatch.get(rec.matchKey) ?? []).filter((c) => !c.ine || !rec.ine || c.ine === rec.ine);
        existing = candidates.find((c) => c.status === 'enrolled') ?? candidates[0] ?? null;
      }
    }
    const already = existing ? planByExisting.get(existing.id) : undefined;
    if (already) {
      planByRec.set(rec, already);
      problems.push({
        file: rec.file, row: rec.row, field: 'row', code: 'duplicate_student', severity: 'warning',
        message: `Cet élève est déjà présent ligne ${already.rec.row} (même fiche dans le registre) : les deux lignes sont fusionnées.`,
        raw: null,
      });
      tick();
      continue;
    }
    const plan: StudentPlan = { id: existing?.id ?? newId(), rec, existing };
    planByRec.set(rec, plan);
    if (existing) planByExisting.set(existing.id, plan);
    studentPlans.push(plan);
    tick();
  }

  // Guardians.
  const regGuardianById = new Map<string, RegGuardian>();
  const regByName = new Map<string, RegGuardian[]>();
  const regByContact = new Map<string, RegGuardian[]>();
  for (const g of reg.guardians) {
    regGuardianById.set(g.id, g);
    push(regByName, g.name_key, g);
    for (const c of contactsOf(g)) push(regByContact, c, g);
  }
  const aliasesByName = new Map<string, RegAlias[]>();
  for (const a of reg.aliases) if (regGuardianById.has(a.guardianId)) push(aliasesByName, a.nameKey, a);
  const regLinksByStudent = new Map<string, RegLink[]>();
  const regLinkByPair = new Map<string, RegLink>();
  for (const l of reg.links) {
    push(regLinksByStudent, l.student_id, l);
    regLinkByPair.set(`${l.student_id}|${l.guardian_id}`, l);
  }

  const guardianPlans: GuardianPlan[] = [];
  const planByName = new Map<string, GuardianPlan[]>();
  const planByRegId = new Map<string, GuardianPlan>();
  // Contact → plans holding it, in the order they got it: strong evidence is the first one of
  // the same name (lists are short: a contact is shared by a family at most, as a rule).
  const plansByContact = new Map<string, GuardianPlan[]>();
  const links: LinkPlan[] = [];
  // Student → the guardian plans this sheet already linked it to (the same-child rule below).
  const plansByStudent = new Map<StudentPlan, GuardianPlan[]>();
  let unranked = false;
  const sameNameApart = new Set<string>();

  const addContacts = (p: GuardianPlan, contacts: readonly string[]) => {
    for (const c of contacts) {
      if (p.contacts.includes(c)) continue;
      p.contacts.push(c);
      push(plansByContact, c, p);
    }
  };
  const planFor = (existing: RegGuardian): GuardianPlan => {
    let p = planByRegId.get(existing.id);
    if (!p) {
      p = { id: existing.id, existing, nameKey: existing.name_key, contacts: [], data: null as unknown as GuardianOcc, rows: [], students: [] };
      addContacts(p, contactsOf(existing));
      planByRegId.set(existing.id, p);
      guardianPlans.push(p);
      push(planByName, p.nameKey, p);
    }
    return p;
  };
  // A merged-away identity with the same name and a shared contact, or linked (through the merge)
  // to one of this occurrence's students: the guardian that absorbed it.
  const aliasFor = (occ: GuardianOcc): RegGuardian | undefined => {
    const candidates = aliasesByName.get(occ.nameKey);
    if (!candidates) return undefined;
    for (const a of candidates) {
      const shared =
        occ.contacts.some((c) => a.contacts.includes(c)) ||
        occ.links.some((link) => {
          const sp = planByRec.get(link.student);
          return sp?.existing ? regLinkByPair.has(`${sp.existing.id}|${a.guardianId}`) : false;
        });
      if (shared) return regGuardianById.get(a.guardianId);
    }
    return undefined;
  };
  // Plans whose data is only a placeholder from an alias occurrence (see below).
  const aliasData = new Set<GuardianPlan>();
  const sameName = <T>(list: T[] | undefined, nameOf: (x: T) => string, key: string): T | undefined => {
    if (list) for (const x of list) if (nameOf(x) === key) return x;
    return undefined;
  };

  for (const occ of occurrences) {
    let plan: GuardianPlan | undefined;
    let viaAlias = false;
    // Re-import: a guardian already linked to this student with the same name is the same person.
    if (regLinksByStudent.size > 0) {
      for (const link of occ.links) {
        const sp = planByRec.get(link.student);
        const linked = sp?.existing ? regLinksByStudent.get(sp.existing.id) : undefined;
        const hit = linked?.map((l) => regGuardianById.get(l.guardian_id)).find((g) => g?.name_key === occ.nameKey);
        if (hit) {
          plan = planFor(hit);
          break;
        }
      }
    }
    // The same rule within the sheet: a child's rows naming one name twice name one person. Without
    // it a first import kept them apart and the next import of the same file, finding the first
    // one linked in the register, merged them: the same file gave two different registers.
    if (!plan) {
      for (const link of occ.links) {
        const sp = planByRec.get(link.student);
        const hit = sp ? sameName(plansByStudent.get(sp), (x) => x.nameKey, occ.nameKey) : undefined;
        if (hit) {
          plan = hit;
          break;
        }
      }
    }
    // Same name and a shared contact: register guardians first, then this sheet's.
    if (!plan) {
      let fromSheet: GuardianPlan | undefined;
      for (const c of occ.contacts) {
        const p = sameName(plansByContact.get(c), (x) => x.nameKey, occ.nameKey);
        if (p?.existing) {
          plan = p;
          break;
        }
        const r = regByContact.size > 0 ? sameName(regByContact.get(c), (x) => x.name_key, occ.nameKey) : undefined;
        if (r) {
          plan = planFor(r);
          break;
        }
        fromSheet ??= p;
      }
      if (!plan && aliasesByName.size > 0) {
        const absorbed = aliasFor(occ);
        if (absorbed) {
          plan = planFor(absorbed);
          viaAlias = true;
        }
      }
      plan ??= fromSheet;
    }
    if (!plan) {
      plan = { id: newId(), existing: null, nameKey: occ.nameKey, contacts: [], data: occ, rows: [], students: [] };
      guardianPlans.push(plan);
      const homonyms = planByName.get(occ.nameKey);
      if (homonyms) {
        sameNameApart.add(occ.nameKey);
        homonyms.push(plan);
      } else {
        if (regByName.has(occ.nameKey)) sameNameApart.add(occ.nameKey);
        planByName.set(occ.nameKey, [plan]);
      }
    }
    if (viaAlias) {
      // The merge chose the surviving values: the old identity links children, it rewrites nothing.
      if (!plan.data) {
        const e = plan.existing!;
        plan.data = {
          ...occ, civility: null, lastName: e.last_name, firstName: e.first_name, phone: null, phoneRaw: null,
          email: null, emailRaw: null, address1: null, address2: null, postalCode: null, city: null, country: null,
        };
        aliasData.add(plan);
      }
    } else {
      if (aliasData.delete(plan)) plan.data = occ;
      mergeInto(plan, occ, problems);
    }
    addContacts(plan, occ.contacts);
    plan.rows.push(occ);

    for (const link of occ.links) {
      const sp = planByRec.get(link.student);
      if (!sp || plan.students.includes(sp)) continue;
      plan.students.push(sp);
      push(plansByStudent, sp, plan);
      const existing = plan.existing && sp.existing ? (regLinkByPair.get(`${sp.id}|${plan.id}`) ?? null) : null;
      const lp: LinkPlan = { id: existing?.id ?? newId(), student: sp, guardian: plan, relation: link.relation, legalRank: link.legalRank ?? -1, existing };
      if (lp.legalRank < 0) unranked = true;
      links.push(lp);
    }
    tick();
  }

  // Legal ranks not given: 1 then 2 in order of appearance, then 0 (other adults).
  if (unranked) {
    const linkRanks = new Map<StudentPlan, LinkPlan[]>();
    for (const l of links) push(linkRanks, l.student, l);
    for (const [, list] of linkRanks) {
      const taken = new Set(list.filter((l) => l.legalRank > 0).map((l) => l.legalRank));
      for (const l of list) {
        if (l.legalRank >= 0) continue;
        const rank = !taken.has(1) ? 1 : !taken.has(2) ? 2 : 0;
        l.legalRank = rank;
        if (rank) taken.add(rank);
      }
    }
  }

  const lookAlikes = findLookAlikes(sameNameApart, planByName, regByName, plansByContact, regByContact, links, reg.links, planByRegId);
  const seenStudentIds = new Set<string>();
  for (const p of studentPlans) if (p.existing) seenStudentIds.add(p.existing.id);
  onProgress(total, total);
  return { students: studentPlans, guardians: guardianPlans, links, lookAlikes, seenStudentIds, problems };
}

const MERGED_FIELDS = ['civility', 'address1', 'address2', 'postalCode', 'city', 'country'] as const;
/** A value and what was typed when it could not be read: kept or replaced together, so a record
 * never holds one row's valid phone next to another row's unreadable one (a re-import of the same
 * file would then "update" it). */
const CONTACT_PAIRS = [['phone', 'phoneRaw'], ['email', 'emailRaw']] as const;

/** Completes a guardian's data with a later occurrence; a different value is reported, first kept. */
function mergeInto(plan: GuardianPlan, occ: GuardianOcc, problems: Problem[]): void {
  // The first occurrence becomes the plan's data (occurrences are not used after matching).
  if (!plan.data) {
    plan.data = occ;
    return;
  }
  if (plan.data === occ) return;
  const d = plan.data as unknown as Record<string, string | null>;
  const o = occ as unknown as Record<string, string | null>;
  for (const f of MERGED_FIELDS) {
    const v = o[f];
    if (v === null || v === undefined) continue;
    if (d[f] === null || d[f] === undefined) d[f] = v;
  }
  const firstRow = plan.rows[0]?.row ?? '?';
  for (const [f, raw] of CONTACT_PAIRS) {
    const what = f === 'phone' ? 'téléphone' : 'courriel';
    if (o[f] != null) {
      if (d[f] == null) {
        // A readable value beats an unreadable one; the unreadable one stays in this run's problems.
        if (d[raw] != null) {
          problems.push({
            file: occ.file, row: occ.row, field: `${occ.group}.${f}`, code: 'other_value_kept', severity: 'warning',
            message: `Ce responsable figure aussi ligne ${firstRow} avec un ${what} illisible (« ${d[raw]} ») : celui de cette ligne, lisible, est gardé.`,
            raw: d[raw],
          });
        }
        d[f] = o[f];
        d[raw] = null;
      } else if (d[f] !== o[f]) {
        problems.push({
          file: occ.file, row: occ.row, field: `${occ.group}.${f}`, code: 'other_value_kept', severity: 'warning',
          message: `Ce responsable figure aussi ligne ${firstRow} avec un autre ${what} : celui de la première ligne est gardé.`,
          raw: o[raw] ?? o[f],
        });
      }
    } else if (o[raw] != null && d[f] == null && d[raw] == null) {
      d[raw] = o[raw];
    }
  }
}

function findLookAlikes(
  sameNameApart: Set<string>,
  planByName: Map<string, GuardianPlan[]>,
  regByName: Map<string, RegGuardian[]>,
  byContact: Map<string, GuardianPlan[]>,
  regByContact: Map<string, RegGuardian[]>,
  links: LinkPlan[],
  regLinks: RegLink[],
  planByRegId: Map<string, GuardianPlan>,
): LookAlike[] {
  const out: LookAlike[] = [];
  const planName = (p: GuardianPlan) => (p.existing ? label(p.existing.last_name, p.existing.first_name) : label(p.data.lastName, p.data.firstName));

  // Same name, no shared contact: every sheet and register guardian of that name.
  for (const key of sameNameApart) {
    const ids = new Set<string>();
    const rows: Array<{ file: string; row: number }> = [];
    const group = planByName.get(key) ?? [];
    for (const p of group) {
      ids.add(p.id);
      for (const r of p.rows) rows.push(r);
    }
    for (const g of regByName.get(key) ?? []) ids.add(g.id);
    if (ids.size < 2 || !group[0]) continue;
    out.push({
      label: planName(group[0]),
      reason: 'Même nom et prénom, mais aucun téléphone ni courriel en commun : personnes différentes ou coordonnées changées ? Non fusionnés, à vérifier.',
      rows: dedupeRows(rows),
      guardianIds: [...ids],
    });
  }

  // Shared contact, different name (co-parents of the same child excepted: a family phone is normal).
  let studentsByGuardian: Map<string, Set<string>> | null = null;
  const coParents = (a: string, b: string): boolean => {
    if (!studentsByGuardian) {
      const m = new Map<string, Set<string>>();
      const add = (gid: string, sid: string) => {
        let set = m.get(gid);
        if (!set) m.set(gid, (set = new Set()));
        set.add(sid);
      };
      for (const l of links) add(l.guardian.id, l.student.id);
      for (const l of regLinks) add(l.guardian_id, l.student_id);
      studentsByGuardian = m;
    }
    const sa = studentsByGuardian.get(a);
    const sb = studentsByGuardian.get(b);
    if (!sa || !sb) return false;
    for (const s of sa) if (sb.has(s)) return true;
    return false;
  };
  const reported = new Set<string>();
  for (const [contact, list] of byContact) {
    const registered = regByContact.get(contact);
    if (list.length + (registered?.length ?? 0) < 2) continue;
    const members = new Map<string, { id: string; nameKey: string; name: string; rows: Array<{ file: string; row: number }> }>();
    for (const p of list) members.set(p.id, { id: p.id, nameKey: p.nameKey, name: planName(p), rows: p.rows });
    for (const g of registered ?? []) {
      if (!members.has(g.id)) members.set(g.id, { id: g.id, nameKey: g.name_key, name: label(g.last_name, g.first_name), rows: planByRegId.get(g.id)?.rows ?? [] });
    }
    if (members.size < 2) continue;
    const all = [...members.values()];
    const involved = new Set<string>();
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i]!;
        const b = all[j]!;
        if (a.nameKey === b.nameKey || coParents(a.id, b.id)) continue;
        involved.add(a.id);
        involved.add(b.id);
      }
    }
    if (involved.size < 2) continue;
    const key = [...involved].sort().join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    const chosen = all.filter((m) => involved.has(m.id));
    out.push({
      label: chosen.map((m) => m.name).join(' / '),
      reason: contact.startsWith('p:')
        ? 'Même numéro de téléphone pour des responsables de noms différents : à vérifier (erreur de saisie ou numéro partagé).'
        : 'Même courriel pour des responsables de noms différents : à vérifier (erreur de saisie ou adresse partagée).',
      rows: dedupeRows(chosen.flatMap((m) => m.rows)),
      guardianIds: chosen.map((m) => m.id),
    });
  }
  return out;
}

/** Distinct rows as plain { file, row } (plan rows are the occurrences themselves). */
function dedupeRows(rows: Array<{ file: string; row: number }>): Array<{ file: string; row: number }> {
  const seen = new Set<string>();
  const out: Array<{ file: string; row: number }> = [];
  for (const r of rows) {
    const k = `${r.file}|${r.row}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ file: r.file, row: r.row });
  }
  return out;
}
