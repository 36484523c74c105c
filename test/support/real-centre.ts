import { join } from 'node:path';
import { runAdminCommand } from '../../services/workorder/admin-commands';
import { startWorkOrderService, type RunningWorkOrderService } from '../../services/workorder/service';
import { DiskBlobs } from '../../services/workorder/recordings/recording-blobs';
import { openSqliteStore } from '../../services/workorder/store/sqlite/sqlite-store';
import { makeTempDir } from './temp-dir';

export const CENTRE_AGENT = { workNumber: '0307', name: '王芳', password: 'agent-0307-pw' } as const;
/** A person the centre has not given a phone account yet. */
export const CENTRE_AGENT_WITHOUT_PHONE = { workNumber: '0308', name: '李娜', password: 'agent-0308-pw' } as const;

export const CENTRE_DEPARTMENTS = `labour-inspection|人社局劳动监察大队|Labour Inspection Brigade
market-regulation|市场监督管理局|Market Regulation Bureau
`;

export interface RealCentre {
  service: RunningWorkOrderService;
  url: string;
  /** One admin command as IT runs it (`node services/workorder/run.mjs admin ...`). */
  admin(argv: string[], stdin?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real centre service (services/workorder) on a SQLite file of its own, set
 * up through the admin commands: team-a; 0307 with the SIP account `sip`; 0308
 * without one; the centre's SIP servers, city and departments.
 */
export async function startRealCentre(sip: { uri: string; authUser: string; password: string; servers: readonly string[] }): Promise<RealCentre> {
  const dir = makeTempDir('hotline-centre-service-');
  const store = openSqliteStore(join(dir.path, 'workorder.sqlite'));
  const admin = (argv: string[], stdin = '') =>
    runAdminCommand(store, argv, Date.now(), {
      readStdin: async () => stdin,
      readFile: async (path) => {
        if (path !== 'departments.txt') throw new Error(`ENOENT ${path}`);
        return CENTRE_DEPARTMENTS;
      },
    });
  let service: RunningWorkOrderService | null = null;
  try {
    await admin(['create-team', '--id', 'team-a', '--name', '一组']);
    for (const person of [CENTRE_AGENT, CENTRE_AGENT_WITHOUT_PHONE]) {
      await admin(['create-person', '--work-number', person.workNumber, '--name', person.name, '--team', 'team-a', '--roles', 'agent', '--password-stdin'], `${person.password}\n`);
    }
    await admin(['set-sip', '--work-number', CENTRE_AGENT.workNumber, '--uri', sip.uri, '--auth-user', sip.authUser, '--sip-password-stdin'], `${sip.password}\n`);
    await admin(['set-centre', '--sip-servers', sip.servers.join(','), '--city', '重庆', '--acw-seconds', '45']);
    await admin(['set-departments', '--file', 'departments.txt']);
    service = await startWorkOrderService({
      port: 0,
      host: '127.0.0.1',
      store,
      departmentIds: ['labour-inspection', 'market-regulation'],
      // Recordings on the centre's disk, as a service started with its database file keeps them.
      recordings: { blobs: new DiskBlobs(join(dir.path, 'recordings')), stagingDir: join(dir.path, 'recordings-staging') },
    });
  } catch (error) {
    if (service) await service.close();
    else await store.close();
    dir.remove();
    throw error;
  }
  const running = service;
  return {
    service: running,
    url: running.url,
    admin,
    close: async () => {
      await running.close();
      dir.remove();
    },
  };
}
