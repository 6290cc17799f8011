// A register holding one case of every anomaly kind (and a clean family), written with SQL.
import type { Register } from '../../electron/core/db/types';
import { seed } from '../../electron/core/edits/test-core';

export async function insertAnomalyFixture(db: Register): Promise<void> {
  await db.write((tx) => {
    const s = seed(tx);
    // A clean family: no anomaly.
    s.guardian({ id: 'gA1', civility: 'Mme', last: 'Martin', first: 'Claire' });
    s.guardian({ id: 'gA2', civility: 'M.', last: 'Martin', first: 'Paul' });
    s.student({ id: 'sA1', last: 'Martin', first: 'Léo' });
    s.link('sA1', 'gA1', 1, 'Mère');
    s.link('sA1', 'gA2', 2, 'Père');
    // No phone, no email; a fixed line as phone.
    s.guardian({ id: 'gB1', civility: 'Mme', last: 'Petit', first: 'Anne', phone: null, email: null });
    s.guardian({ id: 'gB2', civility: 'M.', last: 'Petit', first: 'Marc', phone: '+33145678901' });
    s.student({ id: 'sB1', last: 'Petit', first: 'Zoé' });
    s.link('sB1', 'gB1', 1);
    s.link('sB1', 'gB2', 2);
    // Unreadable phones and emails kept raw; one of each now reads cleanly.
    s.guardian({ id: 'gC1', last: 'Roux', first: 'Léa', phone: null, phoneRaw: '06 12 34', email: null, emailRaw: 'pas@' });
    s.guardian({ id: 'gC2', last: 'Roux', first: 'Hugo', phone: null, phoneRaw: '06.11.22.33.44', email: null, emailRaw: ' Hugo.Roux@Free.fr ' });
    s.student({ id: 'sC1', last: 'Roux', first: 'Jade' });
    s.link('sC1', 'gC1', 1);
    s.link('sC1', 'gC2', 2);
    // A probable domain typo.
    s.guardian({ id: 'gD1', last: 'Garnier', first: 'Jean', email: 'jean.garnier@gmial.com' });
    s.student({ id: 'sD1', last: 'Garnier', first: 'Emma' });
    s.link('sD1', 'gD1', 1);
    // One phone for two families.
    s.guardian({ id: 'gE1', last: 'Faure', first: 'Inès', phone: '+33600000001' });
    s.guardian({ id: 'gF1', last: 'Blanc', first: 'Sarah', phone: '+33600000001' });
    s.student({ id: 'sE1', last: 'Faure', first: 'Adam' });
    s.student({ id: 'sF1', last: 'Blanc', first: 'Noé' });
    s.link('sE1', 'gE1', 1);
    s.link('sF1', 'gF1', 1);
    // One mother entered twice for two siblings (same father).
    s.guardian({ id: 'gG0', civility: 'M.', last: 'Bernard', first: 'Marc' });
    s.guardian({ id: 'gG1', civility: 'Mme', last: 'Bernard', first: 'Sophie' });
    s.guardian({ id: 'gG2', civility: 'Mme', last: 'BERNARD', first: 'Sophie' });
    s.student({ id: 'sG1', last: 'Bernard', first: 'Louis' });
    s.student({ id: 'sG2', last: 'Bernard', first: 'Rose', birth: '2011-03-04', division: '4B' });
    s.link('sG1', 'gG0', 1);
    s.link('sG1', 'gG1', 2);
    s.link('sG2', 'gG0', 1);
    s.link('sG2', 'gG2', 2);
    // One mother written differently on two siblings' sheets.
    s.guardian({ id: 'gH0', civility: 'M.', last: 'Lefèvre', first: 'Yves' });
    s.guardian({ id: 'gH1', civility: 'Mme', last: 'Lefèvre', first: 'Hélène' });
    s.guardian({ id: 'gH2', civility: 'Mme', last: 'Lefèvre', first: 'Héléna' });
    s.student({ id: 'sH1', last: 'Lefèvre', first: 'Jules' });
    s.student({ id: 'sH2', last: 'Lefèvre', first: 'Alice', birth: '2012-01-02' });
    s.link('sH1', 'gH0', 1);
    s.link('sH1', 'gH1', 2);
    s.link('sH2', 'gH0', 1);
    s.link('sH2', 'gH2', 2);
    // Birth dates: unreadable, missing, implausible.
    s.guardian({ id: 'gI1', last: 'Morel', first: 'Lucie' });
    s.student({ id: 'sI1', last: 'Morel', first: 'Tom', birth: null, birthRaw: '31/02/2014' });
    s.student({ id: 'sI2', last: 'Morel', first: 'Lou', birth: null });
    s.student({ id: 'sI3', last: 'Morel', first: 'Max', birth: '1990-01-01' });
    s.link('sI1', 'gI1', 1);
    s.link('sI2', 'gI1', 1);
    s.link('sI3', 'gI1', 1);
    // No legal guardian; two guardians ranked 1.
    s.guardian({ id: 'gJ1', last: 'Henry', first: 'Paule' });
    s.student({ id: 'sJ1', last: 'Henry', first: 'Nina' });
    s.link('sJ1', 'gJ1', 0, 'Autre membre de la famille');
    s.guardian({ id: 'gK1', last: 'Dumas', first: 'Éric' });
    s.guardian({ id: 'gK2', last: 'Dumas', first: 'Lina' });
    s.student({ id: 'sK1', last: 'Dumas', first: 'Timothée' });
    s.link('sK1', 'gK1', 1);
    s.link('sK1', 'gK2', 1);
    // A student who left: none of this counts for the desk.
    s.guardian({ id: 'gL1', last: 'Noël', first: 'Rémi', phone: null, email: null });
    s.student({ id: 'sL1', last: 'Noël', first: 'Gabriel', birth: null, status: 'left' });
    s.link('sL1', 'gL1', 1);
  });
}
