import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { DEFAULT_DEPARTMENTS } from '../../../src/main/work-orders/departments';
import type { WorkOrderView } from '../../../src/shared/domain/work-order-sync';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, invoke, openCore, until, value } from './helpers';

const FAST = { outbox: { backoff: { baseMs: 5, maxMs: 50 }, pollChangesMs: 0 }, requestTimeoutMs: 2_000 };

const CENTRE_LIST = [
  { id: 'labour-inspection', nameZh: '劳动保障监察支队', nameEn: 'Labour Inspection' },
  { id: 'night-market-office', nameZh: '夜市管理办公室', nameEn: 'Night Market Office' },
];

function waitFor(core: AppCore, id: string, check: (view: WorkOrderView) => boolean, ms = 8_000): Promise<void> {
  return until(() => check(core.workOrders.repo.get(id)!), (notify) => core.events.on(() => notify()), ms, `work order ${id}`);
}

async function submit(core: AppCore, departmentIds: string[]) {
  const draft = await value(core, 'workOrders:create', { callerPhone: '' });
  await value(core, 'workOrders:save', { id: draft.id, fields: { ...completeDraft('dept'), departmentIds } });
  return invoke(core, 'workOrders:submit', { id: draft.id });
}

describe('the configurable department list', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;
  beforeEach(() => {
    dir = makeTempDir();
    core = openCore(dir.path, FAST);
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('reads the default list, and refuses a malformed replacement with its issues, storing nothing', async () => {
    expect(await value(core, 'workOrders:departments', {})).toEqual(DEFAULT_DEPARTMENTS);
    const bad: [unknown, string][] = [
      [[], 'departments'],
      [[{ id: 'Bad Id', nameZh: '甲', nameEn: 'A' }], 'departments.0.id'],
      [[{ id: 'a', nameZh: '', nameEn: 'A' }], 'departments.0.nameZh'],
      [
        [
          { id: 'a', nameZh: '甲', nameEn: 'A' },
          { id: 'a', nameZh: '乙', nameEn: 'B' },
        ],
        'departments.1.id',
      ],
      [[{ id: 'a', nameZh: '甲', nameEn: 'A', extra: 1 }], 'departments.0'],
    ];
    for (const [departments, path] of bad) {
      const reply = await invoke(core, 'workOrders:setDepartments', { departments } as never);
      expect(reply.ok, JSON.stringify(departments)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('invalid-payload');
        expect(reply.error.issues?.map((i) => i.path)).toContain(path);
      }
    }
    expect(await value(core, 'workOrders:departments', {})).toEqual(DEFAULT_DEPARTMENTS);
  });

  it('replaces the list: the form offers it, submits are checked against it, and the running embedded service accepts it without a restart', async () => {
    await core.workOrders.ready();
    // A department the built-in list does not have: refused before the change.
    const before = await submit(core, ['night-market-office']);
    expect(before.ok).toBe(false);

    const saved = await value(core, 'workOrders:setDepartments', { departments: CENTRE_LIST });
    expect(saved).toEqual(CENTRE_LIST);
    expect(await value(core, 'workOrders:departments', {})).toEqual(CENTRE_LIST);

    // Accepted locally and by the embedded service that was started with the old list.
    const after = await submit(core, ['night-market-office']);
    expect(after.ok).toBe(true);
    const id = after.ok ? after.value.id : '';
    await waitFor(core, id, (v) => v.sync.state === 'synced' || v.sync.state === 'needs-attention');
    expect(core.workOrders.repo.get(id)?.sync).toMatchObject({ state: 'synced' });

    // A department dropped from the list is refused now.
    const dropped = await submit(core, ['urban-management']);
    expect(dropped.ok).toBe(false);
    if (!dropped.ok) expect(dropped.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ message: 'errors.unknownDepartment' })]));
  });
});
