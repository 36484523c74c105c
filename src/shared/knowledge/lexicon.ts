/**
 * The knowledge base's user dictionary: department and policy names and the
 * common ways agents shorten them. The segmenter loads every term as one word,
 * at index and at query time alike, so "住建局" and "城乡居民医疗保险" are never
 * split differently on the two sides. Changing this list changes LEXICON_VERSION,
 * and a desk rebuilds its index at the next start.
 */

/** Synonym groups: the first is the full name, the rest say the same thing. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['住房和城乡建设局', '住建局', '住建委', '建设局'],
  ['人力资源和社会保障局', '人社局', '劳动局'],
  ['医疗保障局', '医保局'],
  ['医疗保险', '医保'],
  ['社会保险', '社保'],
  ['住房公积金', '公积金'],
  ['住房公积金管理中心', '公积金中心'],
  ['城市管理局', '城管局', '城管', '城市管理'],
  ['市场监督管理局', '市场监管局', '市监局', '工商局'],
  ['最低生活保障', '低保'],
  ['卫生健康委员会', '卫健委', '卫生局'],
  ['自然资源和规划局', '自规局', '规划局', '国土局'],
  ['生态环境局', '环保局'],
  ['噪声', '噪音'],
  ['发展和改革委员会', '发改委'],
  ['残疾人联合会', '残联'],
  ['退役军人事务局', '退役军人局'],
  ['交通运输局', '交通局', '交委'],
  ['电动自行车', '电动车', '电瓶车'],
  ['出租汽车', '出租车', '的士'],
  ['网络预约出租汽车', '网约车'],
  ['拖欠工资', '欠薪', '讨薪', '欠工资'],
  ['集中供热', '供暖', '暖气'],
  ['异地就医', '跨省就医'],
  ['政务服务管理局', '政务服务局', '行政审批局'],
  ['不动产登记中心', '不动产中心'],
  ['文化和旅游局', '文旅局'],
  ['居民身份证', '身份证'],
  ['社会保障卡', '社保卡'],
  ['门诊慢特病', '慢特病', '门特'],
  ['新生儿', '新生婴儿', '刚出生'],
  ['义务教育入学', '入学', '上学报名'],
  ['公共租赁住房', '公租房'],
  ['保障性租赁住房', '保租房'],
  ['住宅专项维修资金', '维修基金', '维修资金'],
  ['预付式消费卡', '预付卡', '办卡'],
  ['消费者权益', '消费维权', '消费投诉'],
  ['占道经营', '占道摆摊', '流动摊贩'],
  ['生活垃圾分类', '垃圾分类'],
  ['高龄津贴', '高龄补贴', '老人补贴'],
  ['失业保险金', '失业金'],
  ['灵活就业人员', '灵活就业', '自由职业'],
  ['公共交通', '公交'],
  ['燃气', '天然气', '煤气'],
];

/** Department names as they appear in articles (besides the synonym groups). */
export const DEPARTMENT_TERMS: readonly string[] = [
  '市人力资源和社会保障局', '市医疗保障局', '市住房公积金管理中心', '市住房和城乡建设局', '市城市管理局',
  '市生态环境局', '市市场监督管理局', '市公安局', '市交通运输局', '市教育局', '市卫生健康委员会', '市民政局',
  '市自然资源和规划局', '市水务局', '市税务局', '市退役军人事务局', '市残疾人联合会', '市供电公司', '市燃气集团',
  '市不动产登记中心', '市政务服务管理局', '市农业农村局', '市文化和旅游局', '市应急管理局', '市商务局', '市司法局',
  '市发展和改革委员会', '市数据资源管理局', '社保经办中心', '医保经办中心', '街道办事处', '社区居委会', '派出所',
  '劳动保障监察支队', '劳动人事争议仲裁院', '交通警察支队', '出入境管理支队', '车辆管理所',
];

/** Policy and matter names agents search by. */
export const POLICY_TERMS: readonly string[] = [
  '城乡居民基本医疗保险', '职工基本医疗保险', '城乡居民基本养老保险', '企业职工基本养老保险', '失业保险', '工伤保险',
  '生育保险', '生育津贴', '长期护理保险', '大病保险', '医疗救助', '特困人员救助供养', '临时救助', '居住证',
  '新生儿入户', '户口迁移', '人才引进', '积分落户', '医保电子凭证', '异地就医备案', '门诊共济', '个人账户',
  '住房公积金提取', '住房公积金贷款', '租房提取', '退休提取', '残疾人两项补贴', '困难残疾人生活补贴',
  '重度残疾人护理补贴', '电动自行车登记', '机动车驾驶证', '交通违法', '物业服务', '业主大会', '噪声污染防治',
  '餐饮油烟', '建筑垃圾', '违法建设', '占道施工', '路灯报修', '井盖缺失', '停水通知', '停电检修', '燃气报修',
  '劳动合同', '经济补偿', '劳动仲裁', '工资支付', '最低工资标准', '退役军人优待证', '义务教育招生', '学区划分',
  '校外培训', '预防接种', '家庭医生签约', '出生医学证明', '婚姻登记', '殡葬服务', '养老服务补贴', '不动产登记',
  '二手房交易', '商品房预售', '房屋质量', '契税', '个人所得税', '增值税发票', '营业执照', '食品安全', '药品安全',
  '价格投诉', '预付式消费', '网购退货', '七日无理由退货', '动物防疫', '犬只登记', '文物保护', '旅游投诉',
  '安全生产', '消防通道', '法律援助', '人民调解', '12345热线',
];

/** Words that carry no meaning in a question (dropped at index and query time alike). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '和', '与', '及', '或', '是', '在', '有', '我', '你', '他', '她', '们', '吗', '呢', '吧', '啊', '呀', '么',
  '怎么', '怎么办', '怎样', '如何', '什么', '哪里', '哪个', '哪些', '请问', '一下', '可以', '能否', '能不能', '需要',
  '应该', '是否', '这个', '那个', '问题', '咨询', '想问', '知道', '为什么', '多少', '几', '个', '要', '去', '到', '就',
  '也', '都', '还', '把', '被', '对', '从', '给', '让', '向', '这', '那', '之', '其', '等', '为', '以', '于',
]);

/** Every term the segmenter must keep whole. */
export function lexiconTerms(): string[] {
  return [...new Set([...SYNONYM_GROUPS.flat(), ...DEPARTMENT_TERMS, ...POLICY_TERMS])];
}

/** Bumped when the analysis itself changes (analysis.ts): desks rebuild their index as for a new lexicon. */
const ANALYSIS_VERSION = 2;

/** Names the lexicon's content and the analysis: stored with the index, a different one rebuilds it. */
export function lexiconVersion(): string {
  let hash = 2166136261;
  const text = `${ANALYSIS_VERSION}#${lexiconTerms().join('|')}#${SYNONYM_GROUPS.map((g) => g.join(',')).join(';')}#${[...STOP_WORDS].join(',')}`;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash.toString(16);
}
