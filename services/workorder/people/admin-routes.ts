import { z } from 'zod';
import { HttpError, sendJson } from '../http';
import { SignInRequestSchema } from '../../../src/shared/domain/centre/sign-in';
import { requireRole } from './access';
import {
  CentreSettingsPatchSchema,
  NewPersonSchema,
  NewTeamSchema,
  PasswordSchema,
  PeopleAdminError,
  PersonPatchSchema,
  SipAccountSchema,
  createPerson,
  createTeam,
  listPeople,
  listSessions,
  parseDepartmentLines,
  setCentre,
  setDepartments,
  setPassword,
  setPersonDisabled,
  setSip,
  signOutPerson,
  updatePerson,
} from './people-admin';
import { readBody, signedIn, type PeopleContext, type PeopleHandler, type PeopleRoute } from './context';
import { signInAdmin } from './sign-in';

/**
 * The JSON API of the admin screen (/admin/): people and teams, for a person
 * with the admin role only. The same actions as the admin CLI (people-admin.ts).
 */
async function asAdmin(ctx: PeopleContext, req: Parameters<PeopleHandler>[1]): Promise<void> {
  const { access } = await signedIn(ctx, req);
  requireRole(access, 'admin');
}

function adminAction(work: PeopleHandler): PeopleHandler {
  return async (ctx, req, res, params) => {
    await asAdmin(ctx, req);
    try {
      await work(ctx, req, res, params);
    } catch (error) {
      if (!(error instanceof PeopleAdminError)) throw error;
      const status = { invalid: 422, 'not-found': 404, 'work-number-taken': 409, 'team-exists': 409, 'no-team': 422 }[error.code];
      throw new HttpError(status, error.code === 'invalid' ? 'invalid-payload' : error.code, error.message);
    }
  };
}

const WORK_NUMBER = '([^/]+)';

export const ADMIN_ROUTES: PeopleRoute[] = [
  {
    path: /^\/v1\/admin\/sign-in$/,
    methods: {
      POST: async (ctx, req, res) => sendJson(res, 200, await signInAdmin(ctx.store, await readBody(req, SignInRequestSchema), ctx.now(), ctx.options)),
    },
  },
  {
    path: /^\/v1\/admin\/people$/,
    methods: {
      GET: adminAction(async (ctx, _req, res) => sendJson(res, 200, { people: await listPeople(ctx.store, ctx.now()) })),
      POST: adminAction(async (ctx, req, res) => sendJson(res, 201, await createPerson(ctx.store, await readBody(req, NewPersonSchema), ctx.now()))),
    },
  },
  {
    path: /^\/v1\/admin\/centre$/,
    methods: {
      GET: adminAction(async (ctx, _req, res) => {
        const [settings, departments] = await Promise.all([ctx.store.people.getCentreSettings(), ctx.store.people.listDepartments()]);
        sendJson(res, 200, { settings, departments });
      }),
      PATCH: adminAction(async (ctx, req, res) =>
        sendJson(res, 200, { settings: await setCentre(ctx.store, await readBody(req, CentreSettingsPatchSchema), ctx.now()) }),
      ),
    },
  },
  {
    path: /^\/v1\/admin\/departments$/,
    methods: {
      // The same `id|中文|English` lines as admin set-departments reads from a file.
      PUT: adminAction(async (ctx, req, res) => {
        const { text } = await readBody(req, z.object({ text: z.string().max(100_000) }).strict());
        const count = await setDepartments(ctx.store, parseDepartmentLines(text), ctx.now());
        sendJson(res, 200, { departments: count });
      }),
    },
  },
  {
    path: /^\/v1\/admin\/teams$/,
    methods: {
      GET: adminAction(async (ctx, _req, res) => sendJson(res, 200, { teams: await ctx.store.people.listTeams() })),
      POST: adminAction(async (ctx, req, res) => sendJson(res, 201, await createTeam(ctx.store, await readBody(req, NewTeamSchema), ctx.now()))),
    },
  },
  {
    path: new RegExp(`^/v1/admin/people/${WORK_NUMBER}$`),
    methods: {
      PATCH: adminAction(async (ctx, req, res, params) =>
        sendJson(res, 200, await updatePerson(ctx.store, params[0] ?? '', await readBody(req, PersonPatchSchema), ctx.now())),
      ),
    },
  },
  {
    path: /^\/v1\/admin\/sessions$/,
    methods: {
      GET: adminAction(async (ctx, _req, res) => sendJson(res, 200, { sessions: await listSessions(ctx.store, ctx.now()) })),
    },
  },
  {
    path: new RegExp(`^/v1/admin/people/${WORK_NUMBER}/password$`),
    methods: {
      POST: adminAction(async (ctx, req, res, params) => {
        const body = await readBody(req, z.object({ password: PasswordSchema.optional() }).strict());
        sendJson(res, 200, { password: await setPassword(ctx.store, params[0] ?? '', body.password, ctx.now()) });
      }),
    },
  },
  {
    path: new RegExp(`^/v1/admin/people/${WORK_NUMBER}/sip$`),
    methods: {
      PUT: adminAction(async (ctx, req, res, params) => {
        await setSip(ctx.store, params[0] ?? '', await readBody(req, SipAccountSchema), ctx.now());
        sendJson(res, 200, { hasSip: true });
      }),
      DELETE: adminAction(async (ctx, _req, res, params) => {
        await setSip(ctx.store, params[0] ?? '', null, ctx.now());
        sendJson(res, 200, { hasSip: false });
      }),
    },
  },
  {
    path: new RegExp(`^/v1/admin/people/${WORK_NUMBER}/sign-out$`),
    methods: {
      POST: adminAction(async (ctx, _req, res, params) => sendJson(res, 200, await signOutPerson(ctx.store, params[0] ?? '', ctx.now()))),
    },
  },
  {
    path: new RegExp(`^/v1/admin/people/${WORK_NUMBER}/disabled$`),
    methods: {
      PUT: adminAction(async (ctx, req, res, params) => {
        const body = await readBody(req, z.object({ disabled: z.boolean() }).strict());
        sendJson(res, 200, await setPersonDisabled(ctx.store, params[0] ?? '', body.disabled, ctx.now()));
      }),
    },
  },
];
