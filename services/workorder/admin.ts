// CLI entry: `node services/workorder/run.mjs admin issue-token --agent 0307 --team team-a`.
import process from 'node:process';
import { ADMIN_USAGE, UsageError, runAdminCommand } from './admin-commands';
import { openStoreFromEnvironment } from './store/open-store';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    console.log(ADMIN_USAGE);
    return;
  }
  const store = await openStoreFromEnvironment(process.env);
  try {
    console.log(await runAdminCommand(store, argv));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${ADMIN_USAGE}`);
    process.exit(2);
  }
  console.error((error as Error).message ?? error);
  process.exit(1);
});
