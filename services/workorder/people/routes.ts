import type { IncomingMessage, ServerResponse } from 'node:http';
import { ME_PATH, SIGN_IN_PATH, SignInRequestSchema } from '../../../src/shared/domain/centre/sign-in';
import { HttpError, sendJson } from '../http';
import type { WorkOrderStore } from '../store/store';
import { canSeeTeam, requireTeam } from './access';
import { ADMIN_PAGE_ROUTES } from './admin-page/serve';
import { ADMIN_ROUTES } from './admin-routes';
import { readBody, signedIn, type PeopleContext, type PeopleHandler, type PeopleRoute } from './context';
import { listPeople } from './people-admin';
import { DEFAULT_SIGN_IN_OPTIONS, provisioningFor, signIn, type SignInOptions } from './sign-in';

const postSignIn: PeopleHandler = async (ctx, req, res) => {
  const request = await readBody(req, SignInRequestSchema);
  sendJson(res, 200, await signIn(ctx.store, request, ctx.now(), ctx.options));
};

const getMe: PeopleHandler = async (ctx, req, res) => {
  const { person, caller } = await signedIn(ctx, req);
  if (!person) throw new HttpError(403, 'forbidden', 'This token was issued to a desk, not to a person; sign in instead.');
  sendJson(res, 200, { expiresAt: caller.expiresAt, ...(await provisioningFor(ctx.store, person)) });
};

/** Ends this desk's session (its token is revoked; the person's other desks stay signed in). */
const postSignOut: PeopleHandler = async (ctx, req, res) => {
  const { caller } = await signedIn(ctx, req);
  await ctx.store.revokeToken(caller.tokenId, ctx.now());
  res.writeHead(204, { 'cache-control': 'no-store' }).end();
};

/** The teams the caller may see (their own; a lead's led teams; an admin's all): a lead's floor filter. */
const getTeams: PeopleHandler = async (ctx, req, res) => {
  const { access } = await signedIn(ctx, req);
  const teams = (await ctx.store.people.listTeams()).filter((team) => canSeeTeam(access, team.id));
  sendJson(res, 200, { teams: teams.map(({ id, name }) => ({ id, name, own: id === access.teamId })) });
};

/** The people of a team the caller may see (their own; a lead's led teams; an admin's all). */
const getTeamPeople: PeopleHandler = async (ctx, req, res, params) => {
  const { access } = await signedIn(ctx, req);
  const teamId = params[0] ?? '';
  requireTeam(access, teamId);
  const people = (await listPeople(ctx.store, ctx.now(), teamId)).map(({ personId, workNumber, name, roles, teamId: team, leadsTeams, disabled }) => ({
    personId,
    workNumber,
    name,
    roles,
    teamId: team,
    leadsTeams,
    disabled,
  }));
  sendJson(res, 200, { people });
};

const ROUTES: PeopleRoute[] = [
  { path: new RegExp(`^${SIGN_IN_PATH}$`), methods: { POST: postSignIn } },
  { path: new RegExp(`^${ME_PATH}$`), methods: { GET: getMe } },
  { path: /^\/v1\/sign-out$/, methods: { POST: postSignOut } },
  { path: /^\/v1\/teams$/, methods: { GET: getTeams } },
  { path: /^\/v1\/teams\/([^/]+)\/people$/, methods: { GET: getTeamPeople } },
  ...ADMIN_ROUTES,
  ...ADMIN_PAGE_ROUTES,
];

/**
 * The people routes, tried before the work-order routes (sign-in needs no
 * token). Returns false when the path is not one of them.
 */
export function peopleRoutes(store: WorkOrderStore, now: () => number, options: Partial<SignInOptions> = {}) {
  const ctx: PeopleContext = { store, now, options: { ...DEFAULT_SIGN_IN_OPTIONS, ...options } };
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    for (const route of ROUTES) {
      const match = route.path.exec(pathname);
      if (!match) continue;
      const handler = route.methods[req.method ?? ''];
      if (!handler) {
        const allowed = Object.keys(route.methods).join(', ');
        throw new HttpError(405, 'method-not-allowed', `Use ${allowed}.`, {}, { allow: allowed });
      }
      await handler(ctx, req, res, match.slice(1).map(decodePart));
      return true;
    }
    return false;
  };
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
