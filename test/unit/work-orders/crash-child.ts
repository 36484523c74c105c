// Child process of crash.test.ts: writes work-order drafts through the real
// store as fast as it can and prints every acknowledged edit, until it is killed.
//   node crash-child.mjs <database path> <seed>
// Lines: "created <id>" and "ack <id> <revision> <text>" (text has no spaces).
import process from 'node:process';
import { openDatabase } from '../../../src/main/store/database';
import { WorkOrdersRepo } from '../../../src/main/work-orders/repo';

const [path, seedText] = process.argv.slice(2);
if (!path) throw new Error('usage: crash-child <db> <seed>');
let seed = Number(seedText ?? 1) >>> 0 || 1;
const random = () => {
  // xorshift32
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};

const db = openDatabase(path);
const repo = new WorkOrdersRepo(db);
const ids = (db.prepare("SELECT id FROM work_orders WHERE sync_state = 'draft'").pluck().all() as string[]).slice();
const out = (line: string) => process.stdout.write(`${line}\n`);

for (let i = 0; i < 1_000_000; i += 1) {
  if (ids.length < 8 && random() < 0.2) {
    const view = repo.create(`1380013${String(Math.floor(random() * 10000)).padStart(4, '0')}`);
    ids.push(view.id);
    out(`created ${view.id}`);
    continue;
  }
  const id = ids[Math.floor(random() * ids.length)];
  if (!id) continue;
  const current = repo.get(id)!;
  const text = `r${current.revision + 1}-${Math.floor(random() * 1e9).toString(36)}`;
  const field = random() < 0.5 ? 'description' : 'summary';
  const saved = repo.save(id, { [field]: text });
  if (saved.kind !== 'saved') throw new Error(`save failed: ${saved.kind}`);
  out(`ack ${id} ${saved.revision} ${field}=${text}`);
}
