// Open, first search and one durable edit on an existing register, CPU and wall per step (not part
// of `npm run bench`):
//   KEEP_REGISTER=/tmp/r.sesame npx tsx test/bench/import-timing.ts 100000
//   npx tsx test/bench/register-timing.ts /tmp/r.sesame
// The register is copied first: opening and editing change it.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/app';
import { openRegister } from '../../electron/core/db/register';
import { median, percentile, round } from './stats';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed<T>(fn: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const c0 = cpu();
  const t0 = performance.now();
  const value = await fn();
  return { wall: round(performance.now() - t0), cpu: round(cpu() - c0), value };
}

async function main(): Promise<void> {
  const source = process.argv[2];
  if (!source) throw new Error('usage: register-timing.ts REGISTER');
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-regtiming-'));
  const file = path.join(dir, 'r.sesame');
  copyFileSync(source, file);
  try {
    const opens: Array<{ wall: number; cpu: number }> = [];
    for (let i = 0; i < 3; i++) {
      const o = await timed(() => openRegister(file));
      opens.push({ wall: o.wall, cpu: o.cpu });
      await o.value.close();
    }
    const core = await createCore({ dbPath: file });
    const ids = core.db.all<{ id: string }>('SELECT id FROM guardian ORDER BY id LIMIT 50').map((r) => r.id);
    const edits: number[] = [];
    const editCpu: number[] = [];
    for (let i = 0; i < 40; i++) {
      const id = ids[i % ids.length] as string;
      const e = await timed(() =>
        core.db.write((tx) => {
          tx.run('UPDATE guardian SET phone = ?, version = version + 1, updated_at = ? WHERE id = ?', [`+3361234${String(5000 + i).padStart(4, '0')}`, new Date(0).toISOString(), id]);
        }),
      );
      edits.push(e.wall);
      editCpu.push(e.cpu);
    }
    const first = await timed(() => core.dispatch('guardians.list', { query: 'bernard', limit: 100 }));
    const next = await timed(() => core.dispatch('guardians.list', { query: 'martin', limit: 100 }));
    const close = await timed(() => core.close());
    console.log(JSON.stringify({
      open: opens,
      edit: { median: round(median(edits)), p95: round(percentile(edits, 95)), max: round(Math.max(...edits)), cpuMedian: round(median(editCpu)) },
      firstSearch: { wall: first.wall, cpu: first.cpu },
      nextSearch: { wall: next.wall, cpu: next.cpu },
      close: { wall: close.wall, cpu: close.cpu },
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
