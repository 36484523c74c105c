// Writes the sample knowledge base (assets/knowledge/sample-articles.json) and its
// real-shaped queries with the articles they should find (assets/knowledge/sample-queries.json)
// from the matters in knowledge-matters.mjs: every matter gives five articles (conditions,
// materials, process, time and fees, common questions); a few matters also have an expired
// older edition that search must never offer as current. Deterministic: run it again after
// editing the matters and commit both files.
import { writeFileSync } from 'node:fs';
import { MATTERS, OLD_EDITIONS } from './knowledge-matters.mjs';

const ASPECTS = {
  cond: (m) => ({
    title: `${m.name}的申请条件`,
    body: `${m.name}的申请条件：${m.cond}。符合条件的可以按流程申请，不符合条件的可以向${m.dept}咨询其他帮扶政策。具体以${m.dept}最新公布的规定为准。`,
  }),
  mats: (m) => ({
    title: `办理${m.name}需要哪些材料`,
    body: `办理${m.name}需要准备以下材料：${m.mats}。材料不全的，窗口会一次性告知需要补充的内容；提交复印件的，应当与原件一致。`,
  }),
  proc: (m) => ({
    title: `${m.name}怎么办理`,
    body: `${m.name}的办理流程：${m.proc}。办理过程中遇到问题，可以拨打12345热线咨询，或直接联系${m.dept}。`,
  }),
  time: (m) => ({
    title: `${m.name}的办理时限和费用`,
    body: `${m.name}多久能办好、是否收费：${m.time}。办理进度可以通过线上平台或窗口查询。`,
  }),
  faq: (m) => ({
    title: `${m.name}常见问题解答`,
    body: `关于${m.short}，市民经常问到：${m.faq}。其他问题请以${m.dept}的答复为准。`,
  }),
};

const matters = MATTERS.map(([id, name, short, category, dept, policy, keywords, cond, mats, proc, time, faq], index) => ({
  id, name, short, category, dept, policy, keywords, cond, mats, proc, time, faq,
  year: 2023 + (index % 4),
  number: 10 + ((index * 7) % 90),
}));

const deptCode = (dept) => dept.replace(/^市/, '').slice(0, 2);

function articleOf(m, aspect) {
  const { title, body } = ASPECTS[aspect](m);
  return {
    id: `KB-${m.id}-${aspect}`,
    title,
    body,
    keywords: [m.short, ...m.keywords],
    department: m.dept,
    policy: m.policy,
    category: m.category,
    validFrom: `${m.year}-01-01`,
    validUntil: null,
    region: '全市',
    sourceDocument: `《关于${m.policy}有关事项的通知》`,
    sourceNumber: `${deptCode(m.dept)}发〔${m.year}〕${m.number}号`,
  };
}

const articles = [];
for (const m of matters) for (const aspect of Object.keys(ASPECTS)) articles.push(articleOf(m, aspect));
for (const [matterId, validFrom, validUntil, note] of OLD_EDITIONS) {
  const m = matters.find((x) => x.id === matterId);
  articles.push({
    ...articleOf(m, 'cond'),
    id: `KB-${m.id}-old`,
    title: `${m.name}（旧版，已废止）`,
    body: `${note}。${m.name}的原规定：${m.cond}。`,
    validFrom,
    validUntil,
    sourceNumber: `${deptCode(m.dept)}发〔${validFrom.slice(0, 4)}〕${m.number}号`,
  });
}

// Real-shaped queries: what agents type while the caller talks. `expect` lists the
// articles that answer it (any of them counts); `twoChar` marks the two-character ones.
const queries = [];
const group = (m) => Object.keys(ASPECTS).map((aspect) => `KB-${m.id}-${aspect}`);
for (const m of matters) {
  queries.push({ query: m.short, expect: group(m), kind: 'short' });
  queries.push({ query: m.keywords[0], expect: group(m), kind: 'keyword' });
  queries.push({ query: `${m.short}需要什么材料`, expect: [`KB-${m.id}-mats`], kind: 'question' });
  queries.push({ query: `${m.short}怎么办理`, expect: [`KB-${m.id}-proc`], kind: 'question' });
  queries.push({ query: `${m.short}多久能办好`, expect: [`KB-${m.id}-time`], kind: 'question' });
  queries.push({ query: `${m.short}申请条件`, expect: [`KB-${m.id}-cond`], kind: 'question' });
}
// Abbreviations, synonyms and pinyin initials as agents type them.
const byId = (id) => group(matters.find((m) => m.id === id));
const extra = [
  ['住建局 维修资金', 'wxzj'], ['电瓶车上牌', 'ddc'], ['欠工资', 'qx'], ['噪声扰民', 'zs-sh'], ['暖气不热', 'gn'],
  ['失业金', 'sybx'], ['城管 摆摊', 'zsgl'], ['人社局 工伤', 'gsbx'], ['跨省就医', 'ycjy'], ['市监局 预付卡', 'yfk'],
  ['门特', 'mtb'], ['公租房', 'gzf'], ['天然气泄漏', 'rq'], ['医疗保险门诊报销', 'ylbx-mz'], ['讨薪', 'qx'],
  ['sbk', 'sbk'], ['gzf', 'gzf'], ['yfk', 'yfk'], ['dbsq', 'db'], ['jzz', 'jzz'],
];
for (const [query, id] of extra) queries.push({ query, expect: byId(id), kind: /^[a-z]+$/.test(query) ? 'pinyin' : 'synonym' });
for (const q of queries) q.twoChar = [...q.query].length === 2;

const header = 'Sample knowledge base, written for this project from templates (scripts/knowledge-sample.mjs); not any centre\'s real knowledge.';
writeFileSync(new URL('../assets/knowledge/sample-articles.json', import.meta.url), `${JSON.stringify({ about: header, articles }, null, 1)}\n`);
writeFileSync(new URL('../assets/knowledge/sample-queries.json', import.meta.url), `${JSON.stringify({ about: header, queries }, null, 1)}\n`);
console.log(`knowledge sample: ${articles.length} articles, ${queries.length} queries (${queries.filter((q) => q.twoChar).length} of two characters)`);
