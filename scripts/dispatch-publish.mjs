// Publishes a dispatch catalogue (JSON, the shape of assets/dispatch/catalogue.json) to a centre service
// as its next version, as an editor or admin:
//   CENTRE_URL=https://centre.example TOKEN=... node scripts/dispatch-publish.mjs catalogue.json [--note "..."] [--base-version N]
// The service checks the whole catalogue; a refusal prints each issue and publishes nothing.
import { readFileSync } from 'node:fs';
import process from 'node:process';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const centre = process.env.CENTRE_URL;
const token = process.env.TOKEN;
if (!file || !centre || !token) {
  console.error('Usage: CENTRE_URL=... TOKEN=... node scripts/dispatch-publish.mjs catalogue.json [--note text] [--base-version N]');
  process.exit(2);
}
const body = { catalogue: JSON.parse(readFileSync(file, 'utf8')), note: option('--note') ?? '' };
const base = option('--base-version');
if (base !== undefined) body.baseVersion = Number(base);
const response = await fetch(`${centre.replace(/\/+$/, '')}/v1/dispatch/catalogue`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const answer = await response.json().catch(() => null);
if (response.status === 201) {
  console.log(`published version ${answer.version}: ${answer.upserted} items changed, ${answer.deleted} withdrawn`);
} else {
  console.error(`refused (HTTP ${response.status}): ${answer?.error?.message ?? ''}`);
  for (const issue of answer?.error?.issues ?? []) console.error(`  ${issue.path}: ${issue.message}`);
  if (answer?.currentVersion !== undefined) console.error(`  the catalogue is at version ${answer.currentVersion}`);
  process.exit(1);
}
