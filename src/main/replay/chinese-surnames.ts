/**
 * Common Chinese surnames (our own list of about 210 frequent ones, after the
 * public-domain 百家姓 and the census rankings), used to tell a name the text
 * marks (我叫…, …先生, 联系人：…) from other words; characters that are mostly
 * function words (和, 时, 向, 路, …) are left out. Compound surnames are
 * matched before single ones.
 */
export const COMPOUND_SURNAMES: readonly string[] = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '夏侯', '长孙', '宇文', '端木', '澹台'];

export const SINGLE_SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳祝宁尚符舒阮柯纪梅童凌毕季裴霍涂苗盛翁冉骆蓝辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾穆卓缪项芦麦褚娄窦戚岑景宫晏柏瞿桂佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘池苑邝'];

const SINGLE = new Set(SINGLE_SURNAMES);

/** The surname a name starts with ('' when it starts with none on the list). */
export function surnameOf(name: string): string {
  const compound = COMPOUND_SURNAMES.find((surname) => name.startsWith(surname));
  if (compound) return compound;
  const first = name.charAt(0);
  return SINGLE.has(first) ? first : '';
}

/** One regex alternative matching any surname on the list (compound first). */
export const SURNAME_PATTERN = `(?:${COMPOUND_SURNAMES.join('|')}|[${SINGLE_SURNAMES.join('')}])`;
