import { expect } from 'vitest';
import { SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import type { KnowledgeArticleInput } from '../../../../src/shared/knowledge/article';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { startFixture, type Fixture, type StoreKind } from '../fixture';
import { PASSWORDS, io, seedCentre } from '../people/seed';

const EDITOR_PW = 'editor-0801-pw';

export function article(id: string, change: Partial<KnowledgeArticleInput> = {}): KnowledgeArticleInput {
  return { id, title: `医保报销 ${id}`, body: '城乡居民医保门诊报销比例为百分之五十。', department: '市医保局', ...change };
}

export interface ReferenceCentre {
  fx: Fixture;
  agent: string;
  admin: string;
  editor: string;
  /** Publishes a version of the knowledge base as the editor; returns the answer's body. */
  publishKnowledge(body: unknown): Promise<Record<string, unknown>>;
}

/** The people seed plus editor 0801 (team a), on a real service; agent 0307, admin 9001 and the editor signed in. */
export async function startReferenceCentre(kind: StoreKind): Promise<ReferenceCentre> {
  const fx = await startFixture({ admission: false, retention: false }, kind);
  const store = await fx.openStore();
  try {
    await seedCentre(store);
    await runAdminCommand(
      store,
      ['create-person', '--work-number', '0801', '--name', '周编辑', '--team', 'team-a', '--roles', 'editor', '--password-stdin'],
      Date.now(),
      io(`${EDITOR_PW}\n`),
    );
  } finally {
    await store.close();
  }
  const signIn = async (workNumber: string, password: string) => {
    const reply = await fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } });
    expect(reply.status).toBe(200);
    return reply.body.token as string;
  };
  const editor = await signIn('0801', EDITOR_PW);
  return {
    fx,
    agent: await signIn('0307', PASSWORDS.agent),
    admin: await signIn('9001', PASSWORDS.admin),
    editor,
    publishKnowledge: async (body) => {
      const reply = await fx.as(editor)('POST', '/v1/reference/knowledge/versions', { body });
      expect(reply.status).toBe(201);
      return reply.body as Record<string, unknown>;
    },
  };
}
