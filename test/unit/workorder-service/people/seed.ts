import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import type { AdminIo } from '../../../../services/workorder/people/admin-commands';
import type { WorkOrderStore } from '../../../../services/workorder/store/store';

export const PASSWORDS = { agent: 'agent-0307-pw', lead: 'lead-0401-pw', admin: 'admin-9001-pw', agentB: 'agent-0501-pw' } as const;

export const DEPARTMENT_LINES = `# id|中文|English
labour-inspection|人社局劳动监察大队|Labour Inspection Brigade
market-regulation|市场监督管理局|Market Regulation Bureau
`;

/** An admin io whose standard input and files are given. */
export function io(stdin = '', files: Record<string, string> = {}): AdminIo {
  return {
    readStdin: async () => stdin,
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT ${path}`);
      return text;
    },
  };
}

/**
 * The centre of the people tests, set up through the admin commands: teams a, b
 * and c; agent 0307 (team a, with a SIP account), lead 0401 (team a, also
 * leads team b), admin 9001, agent 0501 of team b; the centre's settings and departments.
 */
export async function seedCentre(store: WorkOrderStore, now = Date.now()): Promise<void> {
  const admin = (argv: string[], stdin = '') => runAdminCommand(store, argv, now, io(stdin, { 'departments.txt': DEPARTMENT_LINES }));
  await admin(['create-team', '--id', 'team-a', '--name', '一组']);
  await admin(['create-team', '--id', 'team-b', '--name', '二组']);
  await admin(['create-team', '--id', 'team-c', '--name', '三组']);
  await admin(['create-person', '--work-number', '0307', '--name', '李娜', '--team', 'team-a', '--roles', 'agent', '--password-stdin'], `${PASSWORDS.agent}\n`);
  await admin(
    ['create-person', '--work-number', '0401', '--name', '王班长', '--team', 'team-a', '--roles', 'agent,lead', '--leads', 'team-b', '--password-stdin'],
    PASSWORDS.lead,
  );
  await admin(['create-person', '--work-number', '9001', '--name', '信息科', '--team', 'team-a', '--roles', 'admin', '--password-stdin'], PASSWORDS.admin);
  await admin(['create-person', '--work-number', '0501', '--name', '赵敏', '--team', 'team-b', '--roles', 'agent', '--password-stdin'], PASSWORDS.agentB);
  await admin(['set-sip', '--work-number', '0307', '--uri', 'sip:0307@centre.example', '--auth-user', '0307', '--sip-password-stdin'], 'sip-secret\n');
  await admin(['set-centre', '--sip-servers', 'wss://sip1.centre.example:7443,wss://sip2.centre.example:7443', '--city', '昆明', '--acw-seconds', '45']);
  await admin(['set-departments', '--file', 'departments.txt']);
}
