// Conflicts: the service's record moved on since our last sync. Staff see both values and keep
// Sésame's (re-sent on the service's current version) or the service's (written here, audited
// source sync). Either way a fresh outbox entry carries the chosen state, so the record's older
// pending entries are superseded by it.
import type { SyncConflict, SyncRejection } from '../../../shared/contract/sync';
import type { Entity } from '../../../shared/service-api/school';
import type { CoreContext } from '../context';
import type { Tx } from '../db/types';
import { AppFailure } from '../errors';
import { correct } from '../edits/changes';
import { writeGuardianColumns } from '../edits/guardian';
import { deleteLink, insertLink, setLinkFields } from '../edits/links';
import {
  guardianLabel,
  guardianPayload,
  linksOfStudent,
  readGuardian,
  readStudent,
  studentLabel,
  studentPayload,
  type LinkSqlRow,
} from '../edits/rows';
import { writeStudentColumns } from '../edits/student';
import { linkData, parsePayload, serviceData, type Json } from './payloads';
import { setSyncedVersion } from './state';

interface ConflictSql {
  id: string;
  outbox_id: string;
  entity: Entity;
  entity_id: string;
  local_data: string;
  server_data: string;
  server_version: number;
  server_deleted: number;
  created_at: string;
}

const LABELS: Record<string, string> = {
  ine: 'INE',
  lastName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  division: 'Classe',
  status: 'Statut',
  civility: 'Civilité',
  phone: 'Portable',
  email: 'Courriel',
  addressLine1: 'Adresse',
  addressLine2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  country: 'Pays',
  relation: 'Lien de parenté',
  legalRank: 'Responsable légal (rang)',
};

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

const readLinkOf = (db: Pick<Tx, 'get'>, studentId: string, guardianId: string) =>
  db.get<LinkSqlRow>('SELECT * FROM guardianship WHERE student_id = ? AND guardian_id = ?', [studentId, guardianId]);

/** The record as it is in Sésame now, in the service's shape; null when it is gone here. */
function localNow(db: Pick<Tx, 'get' | 'all'>, entity: Entity, id: string): Json | null {
  switch (entity) {
    case 'student': {
      const s = readStudent(db, id);
      return s ? serviceData('student', parsePayload(studentPayload(s, []))) : null;
    }
    case 'guardian': {
      const g = readGuardian(db, id);
      return g ? serviceData('guardian', parsePayload(guardianPayload(g))) : null;
    }
    case 'guardianship': {
      const [sid, gid] = id.split(':');
      const l = sid && gid ? readLinkOf(db, sid, gid) : undefined;
      return l ? linkData(l.student_id, l.guardian_id, l.relation, Number(l.legal_rank)) : null;
    }
  }
}

function labelOf(db: Pick<Tx, 'get' | 'all'>, entity: Entity, id: string): string {
  const s = (sid: string) => {
    const r = readStudent(db, sid);
    return r ? studentLabel(r) : 'élève supprimé';
  };
  const g = (gid: string) => {
    const r = readGuardian(db, gid);
    return r ? guardianLabel(r) : 'responsable supprimé';
  };
  if (entity === 'student') return s(id);
  if (entity === 'guardian') return g(id);
  const [sid, gid] = id.split(':');
  return `Lien ${g(gid ?? '')} — ${s(sid ?? '')}`;
}

export function listConflicts(ctx: CoreContext): { conflicts: SyncConflict[]; rejected: SyncRejection[] } {
  const rows = ctx.db.all<ConflictSql>("SELECT * FROM sync_conflict WHERE state = 'open' ORDER BY created_at, id");
  const conflicts = rows.map((c): SyncConflict => {
    const local = localNow(ctx.db, c.entity, c.entity_id) ?? (parsePayload(c.local_data) as Json);
    const server = c.server_deleted ? {} : parsePayload(c.server_data);
    const keys = [...new Set([...Object.keys(local), ...Object.keys(server)])].filter((k) => k in LABELS);
    return {
      id: c.id,
      entity: c.entity,
      entityId: c.entity_id,
      label: labelOf(ctx.db, c.entity, c.entity_id),
      createdAt: c.created_at,
      fields: keys
        .filter((k) => text(local[k]) !== text(server[k]))
        .map((k) => ({ field: k, label: LABELS[k]!, local: text(local[k]), server: text(server[k]) })),
      serverDeleted: c.server_deleted === 1,
    };
  });
  const rejected = ctx.db
    .all<{ id: string; entity: string; entity_id: string; last_error: string | null; updated_at: string | null; created_at: string }>(
      "SELECT id, entity, entity_id, last_error, updated_at, created_at FROM outbox WHERE state = 'rejected' AND superseded_by IS NULL ORDER BY rowid DESC LIMIT 200",
    )
    .map((r) => ({
      id: r.id,
      entity: r.entity,
      entityId: r.entity_id,
      label: ['student', 'guardian', 'guardianship'].includes(r.entity) ? labelOf(ctx.db, r.entity as Entity, r.entity_id) : r.entity,
      reason: r.last_error ?? 'Refusé par le service.',
      at: r.updated_at ?? r.created_at,
    }));
  return { conflicts, rejected };
}

function queueLocal(tx: Tx, ctx: CoreContext, now: string, c: ConflictSql): void {
  const insert = (op: string, payload: string) =>
    tx.run('INSERT INTO outbox (id, created_at, entity, entity_id, op, payload, base_version) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
      ctx.ids(), now, c.entity, c.entity_id, op, payload,
    ]);
  if (c.entity === 'student') {
    const s = readStudent(tx, c.entity_id);
    if (s) insert('upsert', studentPayload(s, linksOfStudent(tx, s.id)));
    else insert('delete', '{}');
  } else if (c.entity === 'guardian') {
    const g = readGuardian(tx, c.entity_id);
    if (g) insert('upsert', guardianPayload(g));
    else insert('delete', '{}');
  } else {
    const data = localNow(tx, 'guardianship', c.entity_id);
    insert(data ? 'upsert' : 'delete', JSON.stringify(data ?? {}));
  }
}

export async function resolveConflict(ctx: CoreContext, input: { id: string; keep: 'local' | 'server' }): Promise<{ resolved: true }> {
  const c = ctx.db.get<ConflictSql>('SELECT * FROM sync_conflict WHERE id = ?', [input.id]);
  if (!c) throw new AppFailure('not_found', 'Conflit introuvable.');
  const closed = ctx.db.get<{ state: string }>('SELECT state FROM sync_conflict WHERE id = ?', [input.id]);
  if (closed?.state !== 'open') throw new AppFailure('conflict', 'Ce conflit a déjà été arbitré.');
  if (input.keep === 'server' && c.server_deleted && c.entity !== 'guardianship') {
    throw new AppFailure('conflict', 'Le service n’a plus cet enregistrement : gardez la valeur de Sésame pour le lui renvoyer.');
  }
  const server = parsePayload(c.server_data);
  const entities = c.entity === 'guardianship' ? (['student', 'guardian'] as const) : ([c.entity] as const);
  await correct(ctx, 'sync', [...entities], (log, tx) => {
    const now = log.now;
    // Re-check inside the transaction: two people may choose at once.
    if (tx.get<{ state: string }>('SELECT state FROM sync_conflict WHERE id = ?', [c.id])?.state !== 'open') {
      throw new AppFailure('conflict', 'Ce conflit a déjà été arbitré.');
    }
    tx.run("UPDATE sync_conflict SET state = 'resolved', resolution = ?, resolved_at = ?, resolved_by = ? WHERE id = ?", [input.keep, now, log.actor, c.id]);
    log.audit('sync_conflict', c.id, 'resolution', null, input.keep);
    // The next change of this record is based on the service's current version.
    setSyncedVersion(tx, c.entity, c.entity_id, Number(c.server_version), now);
    if (input.keep === 'local') {
      queueLocal(tx, ctx, now, c);
      return { value: null, touched: { force: true } };
    }
    if (c.entity === 'student') {
      const s = readStudent(tx, c.entity_id);
      if (!s) throw new AppFailure('not_found', 'Élève introuvable dans Sésame.');
      const r = writeStudentColumns(tx, log, s, {
        ine: text(server.ine),
        last_name: text(server.lastName) ?? s.last_name,
        first_name: text(server.firstName) ?? s.first_name,
        birth_date: text(server.birthDate),
        division: text(server.division),
        status: server.status === 'left' ? 'left' : 'enrolled',
      });
      if (!r.changed) queueLocal(tx, ctx, now, c);
      return { value: null, touched: { students: new Set([s.id]), force: true } };
    }
    if (c.entity === 'guardian') {
      const g = readGuardian(tx, c.entity_id);
      if (!g) throw new AppFailure('not_found', 'Responsable introuvable dans Sésame.');
      const r = writeGuardianColumns(tx, log, g, {
        civility: text(server.civility),
        last_name: text(server.lastName) ?? g.last_name,
        first_name: text(server.firstName) ?? g.first_name,
        phone: text(server.phone),
        email: text(server.email),
        address_line1: text(server.addressLine1),
        address_line2: text(server.addressLine2),
        postal_code: text(server.postalCode),
        city: text(server.city),
        country: text(server.country),
      });
      if (!r.changed) queueLocal(tx, ctx, now, c);
      return { value: null, touched: { guardians: new Set([g.id]), force: true } };
    }
    const [sid, gid] = c.entity_id.split(':') as [string, string];
    const link = readLinkOf(tx, sid, gid);
    if (c.server_deleted) {
      if (link) deleteLink(tx, log, link);
      tx.run('DELETE FROM sync_link WHERE student_id = ? AND guardian_id = ?', [sid, gid]);
    } else {
      const relation = text(server.relation);
      const rank = Number(server.legalRank ?? 0);
      if (link) setLinkFields(tx, log, link, relation, rank);
      else if (readStudent(tx, sid) && readGuardian(tx, gid)) {
        insertLink(tx, log, { id: ctx.ids(), student_id: sid, guardian_id: gid, relation, legal_rank: rank, created_at: now });
      } else throw new AppFailure('not_found', 'L’élève ou le responsable de ce lien n’est plus dans Sésame.');
      const data = JSON.stringify(linkData(sid, gid, relation, rank));
      tx.run('INSERT INTO sync_link (student_id, guardian_id, data) VALUES (?, ?, ?) ON CONFLICT (student_id, guardian_id) DO UPDATE SET data = excluded.data', [sid, gid, data]);
    }
    return { value: null, touched: { students: new Set([sid]), guardians: new Set([gid]), force: true } };
  });
  ctx.emit({ type: 'sync.changed' });
  return { resolved: true };
}
