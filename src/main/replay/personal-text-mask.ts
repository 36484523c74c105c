import { maskText } from '../../shared/review/review-bundle';
import { SURNAME_PATTERN, surnameOf } from './chinese-surnames';

/**
 * Masking of what a review bundle must not carry to a training room: phone and
 * ID numbers (maskText), the household part of addresses, and people's names
 * where the text marks them as names.
 *
 * Addresses keep the place (province, city, district or county, town or
 * street office, village or community, road, estate): a work order is
 * dispatched by region, and a trainer has to see where the matter was and
 * which department it went to. What finds one household is masked: the door
 * number on a road (…路18号), the building, unit and room (…3栋2单元501室),
 * the village group (…村3组). Layouts such as 两室一厅 / 2室1厅 are not
 * addresses and stay.
 *
 * Names keep the surname and become 某 (张某, 王某先生), as Chinese case texts
 * anonymise: a surname alone finds nobody, and the agent's forms of address
 * (王先生, 李阿姨) are part of what a trainer judges, so a bare surname with its
 * title stays. A name counts only where the text marks it (我叫…, 我是…,
 * 联系人：…, 姓名：…, a full name before 先生 / 女士 / 师傅 / 阿姨 …), never
 * because a word merely starts with a surname (张家港, 王府井).
 */

const DIGITS = '[0-9０-９]+';
const CN_DIGITS = '[一二三四五六七八九十百零〇两]+';
const NUMBER = `(?:${DIGITS}(?:[-－之]${DIGITS})?|${CN_DIGITS})`;
const MASK = '**';

/** A door number after a road, lane or estate: 解放路18号, 幸福村23号, 朝阳小区5号. */
const DOOR = new RegExp(`(路|街|巷|段|大道|大街|弄|胡同|村|苑|园|小区|公寓|花园|大厦|广场|新村|社区|组)(\\s*)(${NUMBER})(\\s*号)(?![线文令窗机码])`, 'g');
/** Building, unit, room with Arabic digits or a letter: 3栋, 12幢, 5号楼, A座3单元, 501室 (not 2室1厅). */
const HOUSEHOLD = new RegExp(`(?<![0-9０-９A-Za-z])(${DIGITS}|[A-Za-z])(\\s*)(栋|幢|号楼|座(?=\\s*[0-9０-９一二三四五六七八九十]|\\s*单元)|单元|室(?!\\s*[0-9０-９一二三四五六七八九十两]\\s*厅)|号房)`, 'g');
/** The same in Chinese numerals only inside a chain (三栋二单元): a lone 一栋 or 一室 is ordinary speech. */
const HOUSEHOLD_CN = new RegExp(`(${CN_DIGITS})(栋|幢|号楼)(\\s*)(${NUMBER})(单元)`, 'g');
const UNIT_CN = new RegExp(`(${CN_DIGITS})(单元)`, 'g');
/** A village group: 石桥村3组, 新华社区五组, 红光大队二队. */
const VILLAGE_GROUP = new RegExp(`(村|社区|大队)(\\s*)(${NUMBER})(组|社|队)`, 'g');

export function maskAddresses(text: string): string {
  return text
    .replace(DOOR, (_all, before: string, space: string, _number: string, after: string) => `${before}${space}${MASK}${after}`)
    .replace(HOUSEHOLD_CN, (_all, _b: string, building: string, space: string, _u: string, unit: string) => `${MASK}${building}${space}${MASK}${unit}`)
    .replace(UNIT_CN, () => `${MASK}单元`)
    .replace(HOUSEHOLD, (_all, _number: string, space: string, unit: string) => `${MASK}${space}${unit}`)
    .replace(VILLAGE_GROUP, (_all, before: string, space: string, _number: string, after: string) => `${before}${space}${MASK}${after}`);
}

const CJK = '[\\u4e00-\\u9fff]';
/** What may follow a name a marker introduced: the name ends there. */
const AFTER_NAME = `(?=[，。,.!！?？、；;：:\\s（(）)"“”]|$|是|今年|住|家住|电话|手机|号码|身份证|想|要|反映|投诉|咨询|在|的电话)`;
const TITLES = '(?:先生|女士|小姐|师傅|阿姨|大爷|大妈|大姐|大哥|老师|同志|老人)';
/** What may come just before a full name written with its title (a word boundary, or a word that introduces a person). */
const BEFORE_TITLED = `(?<=^|[，。,.!！?？、；;：:\\s（(）)"“”的是找给和跟叫位请让与及向对被把姓有了告诉问帮替说见到谢])`;

// 我叫张伟 / 我是李明 / 联系人：王建国 / 姓名: 赵丽: the name (surname and one or two more characters) up to where it ends.
const MARKED = new RegExp(
  `(我叫|我的名字叫|我名字叫|名字叫|名叫|叫做|本人是|我是|联系人\\s*[:：]?\\s*|姓名\\s*[:：]\\s*|来电人\\s*[:：]\\s*)(${SURNAME_PATTERN})(?!${TITLES})(${CJK}{1,2}?)${AFTER_NAME}`,
  'g',
);
// 王建国先生 / 欧阳娜娜女士: a full name before a title; a bare surname with its title (王先生) stays.
const TITLED = new RegExp(`${BEFORE_TITLED}(${SURNAME_PATTERN})(${CJK}{1,2}?)(${TITLES})`, 'g');
// 姓王名建国 / 姓王，名叫建国: the given name.
const SURNAME_THEN_GIVEN = new RegExp(`(姓\\s*${SURNAME_PATTERN}\\s*[，,]?\\s*(?:名叫|名字叫|名))(${CJK}{1,2}?)${AFTER_NAME}`, 'g');

export function maskNames(text: string): string {
  return text
    .replace(MARKED, (_all, marker: string, surname: string) => `${marker}${surname}某`)
    .replace(TITLED, (all, surname: string, given: string, title: string) => (given === '某' ? all : `${surname}某${title}`))
    .replace(SURNAME_THEN_GIVEN, (_all, head: string) => `${head}某`);
}

/** A whole field that is a person's name (callerName, remoteName): its surname and 某, a bare surname with a title kept. */
export function maskNameField(value: string): string {
  const name = value.trim();
  if (name === '') return value;
  const titled = new RegExp(`^(${SURNAME_PATTERN})(${TITLES})$`).test(name);
  if (titled) return name;
  const title = new RegExp(`(${TITLES})$`).exec(name)?.[1] ?? '';
  const surname = surnameOf(name);
  return `${surname}某${title}`;
}

/** A whole address field: the text rules, then any number left in it (an address field holds nothing else a number could be). */
export function maskAddressField(value: string): string {
  return maskAddresses(value).replace(/[0-9０-９]+(?:[-－][0-9０-９]+)*/g, MASK);
}

/** Free text: numbers, addresses and marked names. */
export function maskPersonalText(text: string): string {
  return maskNames(maskAddresses(maskText(text)));
}

const NAME_KEYS = /^(callerName|remoteName|contactName)$/;
const ADDRESS_KEYS = /^(address|callerAddress|contactAddress)$/;
/** Ids are never personal data and must survive whole (a UUID has long digit runs). */
const isIdKey = (key: string) => key === 'id' || /Ids?$/.test(key);

/** Every string inside `value` masked: name and address fields as such, ids kept, the rest as free text. */
export function maskPersonalDeep<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    if (NAME_KEYS.test(key)) return maskNameField(maskText(value)) as T;
    if (ADDRESS_KEYS.test(key)) return maskAddressField(maskText(value)) as T;
    return maskPersonalText(value) as T;
  }
  if (Array.isArray(value)) return value.map((item) => maskPersonalDeep(item, key)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, isIdKey(k) ? item : maskPersonalDeep(item, k)])) as T;
  }
  return value;
}
