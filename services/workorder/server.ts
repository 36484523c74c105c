// CLI entry: `node services/workorder/run.mjs server`.
// Environment: PORT (default 8345), HOST (default 127.0.0.1), DATABASE_PATH (SQLite file,
// default ./workorder.sqlite), DATABASE_URL (postgres://user:password@host:port/db; when set,
// PostgreSQL instead of SQLite, so several instances can share it), DATABASE_POOL_MAX (PostgreSQL
// connections per instance, default 10), DEPARTMENTS (optional comma-separated list of
// department ids work orders may name).
import process from 'node:process';
import { startWorkOrderService } from './service';
import { describeStore, openStoreFromEnvironment } from './store/open-store';

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT ?? 8345);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be 0-65535, not ${env.PORT}`);
    process.exit(2);
  }
  const departmentIds = env.DEPARTMENTS?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const store = await openStoreFromEnvironment(env);
  const service = await startWorkOrderService({
    port,
    host: env.HOST ?? '127.0.0.1',
    store,
    ...(departmentIds?.length ? { departmentIds } : {}),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`work-order service listening on ${service.url} (${describeStore(env)})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing`);
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error((error as Error).message ?? error);
  process.exit(1);
});
