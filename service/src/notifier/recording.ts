import type { Clock } from '../../../shared/clock';
import type { Db } from '../db/types';
import type { Notifier } from './types';

/**
 * Development notifier: stores every email and SMS in the `message` table, for
 * `sesame-service messages --json`. Never for production: messages hold codes and links.
 */
export function recordingNotifier(db: Db, clock: Clock): Notifier {
  const record = (channel: 'email' | 'sms', to: string, subject: string | null, body: string) =>
    db.query('INSERT INTO message (channel, recipient, subject, body, at) VALUES ($1, $2, $3, $4, $5)', [
      channel,
      to,
      subject,
      body,
      clock.now(),
    ]);
  return {
    email: async (m) => void (await record('email', m.to, m.subject, m.text)),
    sms: async (m) => void (await record('sms', m.to, null, m.text)),
  };
}

export interface RecordedMessage {
  seq: number;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  at: string;
}

export async function listMessages(db: Db): Promise<RecordedMessage[]> {
  const rows = await db.query<{ seq: string; channel: 'email' | 'sms'; recipient: string; subject: string | null; body: string; at: Date }>(
    'SELECT seq::text AS seq, channel, recipient, subject, body, at FROM message ORDER BY message.seq',
  );
  return rows.map((r) => ({ seq: Number(r.seq), channel: r.channel, to: r.recipient, subject: r.subject, text: r.body, at: new Date(r.at).toISOString() }));
}
