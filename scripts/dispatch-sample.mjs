// Writes the sample dispatch catalogue (assets/dispatch/catalogue.json) of a
// made-up city, 云州市, and labelled work orders (assets/dispatch/labelled-orders.json)
// made from the situations below. Everything here is written in our own words.
//   node scripts/dispatch-sample.mjs
// Each matter has caller situations; every third situation (counted over the whole list) goes to the
// held-out `test` split, the rest to `tune`, so the bench's test figures come from
// phrasings nobody tuned the engine on.
import { mkdirSync, writeFileSync } from 'node:fs';

const REGIONS = [
  { id: 'donghu', nameZh: '东湖区', nameEn: 'Donghu District', aliases: ['东湖'] },
  { id: 'xishan', nameZh: '西山区', nameEn: 'Xishan District', aliases: ['西山'] },
  { id: 'nanhe', nameZh: '南河区', nameEn: 'Nanhe District', aliases: ['南河'] },
  { id: 'beitang', nameZh: '北塘区', nameEn: 'Beitang District', aliases: ['北塘'] },
  { id: 'gaoxin', nameZh: '高新区', nameEn: 'High-Tech Zone', aliases: ['高新技术产业开发区', '高新'] },
];
const STREETS = {
  donghu: ['湖滨路', '东湖大道', '莲花街', '望湖小区', '东湖花园'],
  xishan: ['西山路', '枫林街', '翠屏小区', '山景苑', '西山新村'],
  nanhe: ['南河大街', '滨江路', '南河佳园', '柳岸小区', '河西街'],
  beitang: ['北塘路', '塘前街', '北塘新村', '金塘小区', '工业北路'],
  gaoxin: ['科技大道', '创新路', '软件园', '高新花园', '智谷社区'],
};

/**
 * Departments: [id, nameZh, nameEn, aliases, parentId, regions, matters].
 * A matter: [id, nameZh, nameEn, domain, keywords, situations]; a situation: [summary, detail].
 */
const D = (id, nameZh, nameEn, aliases, parentId, regions, matters) => ({ id, nameZh, nameEn, aliases, parentId, regions, matters });
const M = (id, nameZh, nameEn, domain, keywords, situations) => ({ id, nameZh, nameEn, domain, keywords: keywords.split(' '), situations });

const CITY_WATER = ['donghu', 'xishan', 'nanhe', 'beitang'];

const DEPARTMENTS = [
  D('housing-construction', '住房和城乡建设局', 'Housing and Urban-Rural Development', ['住建局', '住建委'], null, [], [
    M('hc-site-safety', '建筑工地安全与文明施工', 'Construction site safety', 'social-management', '工地 施工 脚手架 塔吊 扬尘 围挡 建筑工地', [
      ['工地围挡倒了没人管', '旁边工地的围挡被风吹倒一大片，压在人行道上，行人只能走机动车道'],
      ['工地扬尘很大', '附近建筑工地土方没有覆盖，一刮风满天灰，窗户都不敢开'],
      ['塔吊在居民楼上方转', '工地的塔吊吊着钢筋从小区楼顶上面转过去，居民很害怕'],
    ]),
    M('hc-new-housing', '商品房交付与质量', 'New-build housing delivery and quality', 'market-supervision', '商品房 开发商 交房 延期交房 房屋质量 精装修 楼盘', [
      ['开发商延期交房', '买的新房合同写去年年底交房，开发商一拖再拖到现在还没交'],
      ['新房墙体开裂', '刚收房不到半年的商品房，客厅墙面裂了好几道缝，开发商不给修'],
      ['精装修和样板间不一样', '楼盘交付的精装修用料和当初样板间差很多，业主要求开发商说明'],
    ]),
    M('hc-maintenance-fund', '住宅专项维修资金', 'Housing maintenance fund', 'public-services', '维修资金 维修基金 公共维修 专项维修', [
      ['维修基金怎么申请', '楼顶漏水需要整体维修，想问小区的专项维修资金怎么申请使用'],
      ['维修资金使用不公开', '物业说用了维修基金修电梯，但一直不公示花了多少钱'],
    ]),
  ]),
  D('human-resources', '人力资源和社会保障局', 'Human Resources and Social Security', ['人社局'], null, [], [
    M('hr-pension', '养老保险', 'Pension insurance', 'public-services', '养老保险 养老金 退休 社保 缴费年限 退休金', [
      ['养老金没按时发', '我父亲退休了，这个月的养老金到现在还没到账'],
      ['社保缴费年限怎么算', '想咨询一下养老保险缴费年限不够十五年，退休时怎么办'],
      ['退休手续怎么办', '下个月到退休年龄，不清楚要去哪里办退休手续领退休金'],
    ]),
    M('hr-unemployment', '失业保险与就业服务', 'Unemployment insurance and jobs', 'public-services', '失业金 失业保险 就业 招聘会 就业补贴 创业补贴 技能培训', [
      ['失业金怎么领', '公司裁员了，想问失业保险金在哪里申领、能领多久'],
      ['创业补贴申请', '大学毕业自己开了个小店，听说有创业补贴，想问怎么申请'],
      ['职业技能培训报名', '想参加政府组织的免费技能培训学电工，不知道去哪报名'],
    ]),
    M('hr-talent', '人才引进与职称', 'Talent programmes and professional titles', 'public-services', '人才引进 人才补贴 职称评审 职称 落户补贴', [
      ['人才补贴迟迟没发', '去年申请的高校毕业生人才补贴审核通过了，钱一直没有发放'],
      ['职称评审材料', '想咨询今年中级职称评审什么时候开始，需要交什么材料'],
    ]),
  ]),
  D('labour-inspection', '劳动保障监察支队', 'Labour Inspection', ['劳动监察', '劳动监察大队'], 'human-resources', [], [
    M('li-wages', '拖欠工资', 'Unpaid wages', 'social-management', '拖欠工资 欠薪 工资 讨薪 不发工资 克扣工资 农民工工资', [
      ['公司三个月没发工资', '我在一家公司上班，老板已经三个月没发工资了，一直说再等等'],
      ['离职后工资不结', '上个月辞职了，公司说要扣押一个月工资不给结算'],
      ['老板跑路欠工资', '饭店老板突然关门联系不上，欠我们十几个员工两个月的工钱'],
    ]),
    M('li-contract', '劳动合同与工时', 'Labour contracts and working hours', 'social-management', '劳动合同 加班费 加班 社保不交 辞退 试用期 工时', [
      ['公司不签劳动合同', '入职快一年了，公司一直不跟我签劳动合同，也不给交社保'],
      ['加班不给加班费', '每天上班十二个小时，周末也要上，从来没有加班费'],
      ['试用期被无故辞退', '试用期干了两个月，公司没有理由就让我走人，也不给补偿'],
    ]),
  ]),
  D('market-regulation', '市场监督管理局', 'Market Regulation', ['市场监管局', '市监局'], null, [], [
    M('mr-food', '食品安全', 'Food safety', 'market-supervision', '食品安全 过期食品 变质 餐馆 饭店卫生 食物中毒 外卖 后厨', [
      ['超市卖过期食品', '在小区门口超市买的牛奶，回家一看已经过期一个星期了'],
      ['吃了饭店的菜拉肚子', '昨天全家在一家餐馆吃饭，晚上好几个人都上吐下泻'],
      ['外卖里吃出异物', '点的外卖米饭里吃出一根钢丝，商家态度很差'],
      ['饭店后厨脏乱', '路过一家饭店看到后厨老鼠乱跑，地上全是污水'],
    ]),
    M('mr-consumer', '消费纠纷与价格', 'Consumer disputes and prices', 'market-supervision', '消费纠纷 退款 退货 价格欺诈 虚假宣传 明码标价 商家 质量问题 假货', [
      ['商家不给退货', '在商场买的衣服第二天发现有破洞，店家拒绝退换'],
      ['标价和结账不一样', '水果店标的十块一斤，结账时按十五块收，老板说标错了'],
      ['保健品虚假宣传', '有人在小区搞讲座卖保健品，说能治高血压，老人买了好几千'],
    ]),
    M('mr-licence', '无证经营与营业执照', 'Business licences', 'market-supervision', '营业执照 无证经营 个体户 注册公司 经营许可 执照', [
      ['营业执照怎么办理', '想开一家奶茶店，问个体户营业执照要准备什么材料'],
      ['小作坊无证生产', '居民楼里有人开小作坊做辣条，没有任何执照'],
    ]),
    M('mr-special-equipment', '电梯等特种设备安全', 'Lifts and special equipment', 'public-services', '电梯 电梯故障 困人 电梯维保 特种设备 扶梯 锅炉', [
      ['电梯经常坏', '我们楼的电梯一个月坏了好几次，上周还把人关在里面'],
      ['电梯年检过期', '看了一下电梯里的检验合格证，日期已经过期半年'],
      ['商场扶梯突然停了', '商场的自动扶梯运行时突然停下来，有人摔倒'],
    ]),
  ]),
  D('ecology-environment', '生态环境局', 'Ecology and Environment', ['环保局', '生态环境局'], null, [], [
    M('ee-pollution', '工业废气与污水排放', 'Industrial emissions and discharge', 'environmental-protection', '排污 废气 污水 偷排 化工厂 刺鼻气味 黑烟 工厂排放', [
      ['工厂晚上偷排污水', '附近一个工厂每天半夜往河里排黑色的水，河里的鱼都死了'],
      ['化工厂气味刺鼻', '家附近的化工厂一直散发刺鼻的气味，闻了头晕'],
      ['烟囱冒黑烟', '村边一个厂的烟囱天天冒黑烟，衣服晒出去都是黑点'],
    ]),
    M('ee-industrial-noise', '工业企业噪声', 'Industrial noise', 'environmental-protection', '工厂噪声 机器轰鸣 厂房噪音 风机 设备噪声', [
      ['工厂机器吵得睡不着', '隔壁厂房的机器二十四小时开着，轰隆隆吵得晚上没法睡'],
      ['楼顶风机噪声大', '对面厂区楼顶的大风机声音很大，影响整栋楼的居民'],
    ]),
    M('ee-radiation', '辐射与环评', 'Radiation and impact assessments', 'environmental-protection', '辐射 环评 环境影响评价 放射', [
      ['担心项目没做环评', '小区旁边要建一个垃圾中转站，居民想知道有没有做环评'],
      ['诊所放射设备担心辐射', '楼下诊所装了拍片设备，担心有辐射影响楼上住户'],
    ]),
  ]),
  D('urban-management', '城市管理局', 'Urban Management', ['城管局', '城管', '城管执法'], null, [], [
    M('um-street-vending', '占道经营与流动摊贩', 'Street vending', 'social-management', '占道经营 流动摊贩 摆摊 小摊 店外经营 夜市 摊位 出店经营 占用人行道', [
      ['门口摆摊堵路', '小区门口每天晚上一排小摊，把路堵得车进不去'],
      ['店铺把东西摆到人行道', '沿街几家店把货架都摆到人行道上，行人没法走'],
      ['早点摊占用盲道', '路边早点摊把桌子摆在盲道上，每天早上一片油污'],
    ]),
    M('um-illegal-building', '违法建设', 'Illegal construction', 'social-management', '违建 违章建筑 私搭乱建 加盖 搭建 扩建 阳光房 棚子', [
      ['楼顶加盖违建', '顶楼住户在楼顶又加盖了一层，楼下怕不安全'],
      ['一楼住户私自扩建院子', '一楼住户把公共绿地圈起来搭了个棚子'],
      ['沿街私搭彩钢房', '路边有人私自搭了一排彩钢板房在出租'],
    ]),
    M('um-outdoor-ads', '户外广告与店招', 'Outdoor advertising', 'social-management', '广告牌 店招 户外广告 横幅 小广告', [
      ['广告牌快掉下来了', '商场外墙上的大广告牌有一角松了，刮风时晃得厉害'],
      ['墙上到处贴小广告', '楼道和电线杆上贴满了开锁办证的小广告'],
    ]),
    M('um-muck-trucks', '渣土车与建筑垃圾', 'Muck trucks and construction waste', 'environmental-protection', '渣土车 建筑垃圾 抛洒 装修垃圾 倾倒', [
      ['渣土车一路撒土', '夜里渣土车从这条路过，掉得满地泥土，早上车一开全是灰'],
      ['有人乱倒装修垃圾', '小区后面空地被人倒了一大堆装修垃圾，一直没人清'],
    ]),
  ]),
  D('sanitation', '环境卫生管理处', 'Sanitation Office', ['环卫处', '环卫'], 'urban-management', [], [
    M('sa-garbage', '生活垃圾清运与分类', 'Household waste collection', 'environmental-protection', '垃圾 垃圾清运 垃圾桶 垃圾分类 垃圾站 臭味 环卫', [
      ['垃圾好几天没人收', '小区外面的垃圾桶已经满了三天，没有环卫车来收，臭得不行'],
      ['垃圾站离家太近很臭', '新设的垃圾站就在楼下，夏天味道特别大'],
      ['垃圾分类桶不够', '小区只有一个垃圾桶，根本没法分类投放'],
    ]),
    M('sa-toilets-cleaning', '公厕与道路清扫', 'Public toilets and street cleaning', 'public-services', '公厕 厕所 道路清扫 扫街 保洁', [
      ['公共厕所没水没人打扫', '公园旁边的公共厕所水龙头坏了，里面脏得进不去'],
      ['路面很久没有清扫', '这条路的落叶和垃圾堆了好几天，没有看到保洁员'],
    ]),
  ]),
  D('transport', '交通运输局', 'Transport', ['交通局', '交通运输局'], null, [], [
    M('tr-bus', '公交线路与服务', 'Bus routes and service', 'public-services', '公交 公交车 线路 班次 公交站 站台 司机', [
      ['公交车不按站停', '早上等的公交车直接开过站台不停，已经好几次了'],
      ['希望增加公交线路', '新小区入住好几千人，附近一条公交线路都没有'],
      ['公交司机态度差', '上车刷卡慢了点，公交司机就开始骂人'],
    ]),
    M('tr-taxi', '出租车与网约车', 'Taxis and ride-hailing', 'market-supervision', '出租车 网约车 拒载 绕路 打表 司机 滴滴', [
      ['出租车拒载', '在火车站打出租车，司机嫌路近不肯拉'],
      ['网约车故意绕路', '坐网约车从家到单位，司机多绕了一大圈，多收了三十块'],
      ['出租车不打表', '出租车司机不打表，下车时随口要了一百块'],
    ]),
    M('tr-roads', '公路与道路设施', 'Roads outside town', 'public-services', '公路 道路破损 坑洼 路面塌陷 桥梁 国道 省道', [
      ['公路上有个大坑', '去镇上的那段公路中间有个大坑，晚上经常有电动车摔倒'],
      ['路面塌陷', '这条路下雨后塌了一块，车开过去很危险'],
    ]),
  ]),
  D('public-security', '公安局', 'Public Security', ['公安', '派出所'], null, [], [
    M('ps-household', '户籍与证件', 'Household registration and ID cards', 'public-services', '户口 户籍 身份证 居住证 落户 迁户口', [
      ['身份证丢了怎么补', '身份证不小心丢了，想问补办要去哪里带什么'],
      ['孩子落户口', '孩子刚出生，想问上户口需要准备哪些材料'],
      ['居住证办理', '外地来这里工作，想办居住证，不知道要什么条件'],
    ]),
    M('ps-social-noise', '社会生活噪声与治安', 'Neighbourhood noise and public order', 'social-management', '广场舞 噪音扰民 音响 喧哗 治安 打架 酒吧', [
      ['广场舞音响太响', '每天晚上小区广场跳舞的音响开得特别大，一直到十点多'],
      ['楼下酒吧半夜吵闹', '楼下新开的酒吧每天凌晨还在放音乐喝酒划拳'],
      ['有人在街上打架', '烧烤摊那边有几个喝醉的人在打架'],
    ]),
    M('ps-fraud', '诈骗与可疑人员', 'Fraud and suspicious persons', 'social-management', '诈骗 骗子 被骗 可疑人员 传销 非法集资', [
      ['接到冒充客服的诈骗电话', '有人打电话说是快递客服，让我转账理赔，感觉是骗子'],
      ['小区里有传销窝点', '隔壁单元住了十几个年轻人，天天上课，像是搞传销'],
    ]),
  ]),
  D('traffic-police', '公安局交通警察支队', 'Traffic Police', ['交警', '交警支队'], 'public-security', [], [
    M('tp-parking', '违法停车', 'Illegal parking', 'social-management', '乱停车 违章停车 违停 占道停车 堵门', [
      ['车辆乱停堵住出口', '有车天天停在小区出口上，早上车都开不出去'],
      ['人行道上停满车', '这段人行道停满了私家车，行人只能走马路'],
    ]),
    M('tp-signals', '交通信号与秩序', 'Traffic lights and order', 'public-services', '红绿灯 信号灯 交通拥堵 堵车 斑马线 超速 闯红灯', [
      ['路口红绿灯坏了', '十字路口的红绿灯一直闪黄灯，车和人都抢着走'],
      ['学校门口堵车严重', '每天放学时学校门口堵得水泄不通，希望交警来疏导'],
      ['红灯时间太短', '这个路口行人绿灯只有十几秒，老人根本走不过去'],
    ]),
    M('tp-licence', '驾驶证与违章处理', 'Driving licences and tickets', 'public-services', '驾驶证 驾照 违章 罚单 扣分 年审 车辆年检', [
      ['驾照到期换证', '驾驶证快到期了，想问换证在哪里办'],
      ['违章罚单有疑问', '收到一个违章通知，说我在外地闯红灯，但那天我车没出门'],
    ]),
  ]),
  D('health', '卫生健康委员会', 'Health Commission', ['卫健委', '卫生局'], null, [], [
    M('he-hospital', '医疗服务与医患纠纷', 'Hospital service and disputes', 'public-services', '医院 医生 看病 挂号 医疗纠纷 护士 误诊 医疗事故', [
      ['医院挂号排队太久', '早上六点去医院排队挂号，排到十点还没看上病'],
      ['医生态度恶劣', '带孩子去医院看病，医生不耐烦还骂人'],
      ['怀疑误诊', '在医院做了手术后一直发烧，怀疑是医生误诊耽误了'],
    ]),
    M('he-vaccine', '预防接种与公共卫生', 'Vaccination and public health', 'public-services', '疫苗 接种 打疫苗 预防针 传染病 体检', [
      ['孩子打疫苗预约不上', '社区医院的儿童疫苗一直约不上，孩子的预防针要超时了'],
      ['问狂犬疫苗在哪打', '被邻居家的狗咬了，问哪里可以打狂犬疫苗'],
    ]),
    M('he-birth', '出生医学证明与生育', 'Birth certificates and births', 'public-services', '出生证明 出生医学证明 生育 产检 母婴', [
      ['出生证明写错名字', '孩子的出生医学证明上名字打错了一个字，想问怎么改'],
      ['产检建档流程', '怀孕三个月了，想问在哪里建档做产检'],
    ]),
  ]),
  D('education', '教育局', 'Education', ['教育局', '教委'], null, [], [
    M('ed-enrolment', '入学与学位', 'School enrolment', 'public-services', '入学 学位 招生 划片 小学 初中 幼儿园 转学', [
      ['孩子上小学划片问题', '家里买了房子，但孩子被划到很远的小学，想问划片依据'],
      ['幼儿园报不上名', '附近公办幼儿园名额满了，孩子报不上名'],
      ['转学手续怎么办', '工作调动了，想问孩子初中转学要办什么手续'],
    ]),
    M('ed-training', '校外培训与学校收费', 'Tutoring and school fees', 'public-services', '校外培训 培训机构 补课 学校收费 学校乱收费 教辅 老师 学费', [
      ['培训机构跑路不退费', '给孩子报的培训班突然关门了，交的一万多学费退不了'],
      ['学校乱收资料费', '学校让每个学生交三百块资料费，没有任何收据'],
      ['老师有偿补课', '孩子班主任暗示家长让孩子去他家补课，一节课两百'],
    ]),
  ]),
  D('civil-affairs', '民政局', 'Civil Affairs', ['民政局'], null, [], [
    M('ca-assistance', '最低生活保障与救助', 'Minimum living allowance and relief', 'public-services', '低保 救助 困难 特困 临时救助 贫困', [
      ['申请低保不知道流程', '家里就我一个人有收入，老人瘫痪在床，想申请低保'],
      ['低保金停发了', '我母亲的低保这个月突然停了，没人通知原因'],
    ]),
    M('ca-elderly', '养老服务', 'Elderly care', 'public-services', '养老院 养老服务 老年人 高龄补贴 敬老院 居家养老', [
      ['养老院虐待老人', '去养老院看父亲，发现他身上有伤，护工说是自己摔的'],
      ['高龄补贴怎么领', '爷爷今年满八十岁了，问高龄津贴去哪里申请'],
      ['想找公办养老院', '家里老人需要人照顾，想问有没有公办的养老机构'],
    ]),
    M('ca-marriage', '婚姻登记与殡葬', 'Marriage registration and funerals', 'public-services', '结婚登记 离婚登记 婚姻登记 殡葬 墓地 火化', [
      ['结婚登记要预约吗', '下周想去领结婚证，问婚姻登记需不需要提前预约'],
      ['墓地价格太高', '公墓的墓地卖到十几万一块，想问有没有惠民墓'],
    ]),
  ]),
  D('natural-resources', '规划和自然资源局', 'Planning and Natural Resources', ['自然资源局', '规划局', '不动产登记中心'], null, [], [
    M('nr-registration', '不动产登记', 'Property registration', 'public-services', '不动产 房产证 不动产证 过户 产权 办证', [
      ['买房多年办不下房产证', '二零一五年买的房，到现在开发商还没给办房产证'],
      ['二手房过户流程', '想买一套二手房，问过户需要去哪里办理'],
      ['房本名字加人', '想在房产证上加上爱人的名字，问要什么材料'],
    ]),
    M('nr-planning', '规划许可与土地', 'Planning permission and land', 'economic-regulation', '规划 土地 征地 规划许可 容积率 用地 耕地 农田 占地', [
      ['小区规划变了', '买房时说旁边是公园，现在听说规划改成了商业楼'],
      ['农田被占用盖房', '村里有人把耕地推平了在上面盖厂房'],
    ]),
  ]),
  D('water-affairs', '水务局', 'Water Affairs', ['水务局', '水利局'], null, [], [
    M('wa-drainage', '排水与内涝', 'Drainage and flooding', 'public-services', '下水道 排水 内涝 积水 井盖 雨水 管道堵塞 污水冒', [
      ['下雨路面积水', '一下雨这个路口就积水到膝盖，车都熄火了'],
      ['马路井盖丢了', '人行道上有个井盖不见了，晚上很容易掉下去'],
      ['下水道堵了往外冒污水', '路边的下水道堵了好几天，污水一直往外冒'],
    ]),
    M('wa-rivers', '河道管理与防汛', 'Rivers and flood control', 'environmental-protection', '河道 河流 河水 水库 防汛 河堤 河长', [
      ['河道里漂满垃圾', '小区旁边的河道里漂满了塑料袋和泡沫'],
      ['河堤有裂缝', '南边那段河堤出现了很长的裂缝，担心汛期出事'],
    ]),
  ]),
  D('emergency-management', '应急管理局', 'Emergency Management', ['应急局'], null, [], [
    M('em-safety', '安全生产与危险化学品', 'Workplace safety and hazardous chemicals', 'social-management', '安全生产 危险化学品 危化品 安全隐患 烟花爆竹 液化气 非法储存', [
      ['仓库私藏危险化学品', '附近一个仓库里堆着很多写着易燃的化工桶，没有任何防护'],
      ['工厂工人没有防护', '我们车间打磨没有任何防护措施，工人天天吸粉尘'],
      ['店里卖烟花没有许可', '路边小卖部堆着大量烟花爆竹在卖'],
    ]),
    M('em-disaster', '自然灾害救助', 'Disaster relief', 'public-services', '灾害 受灾 救灾 地质灾害 山体滑坡 台风', [
      ['山体有滑坡迹象', '村后面的山坡最近出现裂缝，石头往下掉'],
      ['台风后房子受损', '台风把家里屋顶掀了，想问有没有救灾补助'],
    ]),
  ]),
  D('medical-insurance', '医疗保障局', 'Medical Insurance', ['医保局'], null, [], [
    M('mi-reimburse', '医保报销与待遇', 'Medical insurance claims', 'public-services', '医保 报销 医保卡 异地就医 门诊 慢性病 医疗保险 居民医保', [
      ['异地就医怎么报销', '在外地住院花了三万多，问回来医保怎么报销'],
      ['医保卡刷不了', '去药店买药医保卡刷不了，说账户冻结'],
      ['慢性病门诊待遇办理', '家里老人有高血压糖尿病，问慢性病门诊怎么办理'],
    ]),
    M('mi-payment', '医保缴费', 'Medical insurance payments', 'public-services', '医保缴费 城乡居民医保 参保 断缴', [
      ['居民医保怎么交', '今年的城乡居民医保缴费截止是什么时候，在哪交'],
      ['医保断缴了怎么办', '换工作中间断了两个月医保，会不会影响报销'],
    ]),
  ]),
  D('housing-fund', '住房公积金管理中心', 'Housing Provident Fund Centre', ['公积金中心'], null, [], [
    M('hf-withdraw', '公积金提取与贷款', 'Provident fund withdrawals and loans', 'public-services', '公积金 提取 公积金贷款 缴存 住房公积金', [
      ['公积金提取被拒', '租房想提取公积金，网上申请被退回了，也没说原因'],
      ['公积金贷款额度', '准备买房，想问公积金贷款最多能贷多少'],
      ['单位不给交公积金', '公司一直没有给员工缴存住房公积金'],
    ]),
  ]),
  D('tax', '税务局', 'Taxation', ['税务局'], null, [], [
    M('tx-invoices', '发票与纳税服务', 'Invoices and tax service', 'economic-regulation', '发票 开发票 个税 个人所得税 退税 纳税 税务', [
      ['饭店不给开发票', '单位聚餐结账时要发票，饭店说没有发票'],
      ['个税退税操作', '想问个人所得税年度汇算怎么在手机上申请退税'],
      ['个税被冒用', '个税软件里显示我在一家没去过的公司有收入'],
    ]),
  ]),
  D('agriculture', '农业农村局', 'Agriculture and Rural Affairs', ['农业局', '农业农村局'], null, [], [
    M('ag-inputs', '农资与动物防疫', 'Farm inputs and animal health', 'market-supervision', '农药 化肥 种子 假种子 养殖 动物防疫 病死猪 农资', [
      ['买到假种子', '春天买的玉米种子出苗不到一半，怀疑是假种子'],
      ['有人乱扔病死猪', '村口水沟里有人扔了几头死猪，臭味很大'],
    ]),
    M('ag-rural-land', '农村土地承包', 'Rural land contracting', 'economic-regulation', '土地承包 承包地 宅基地 流转 村集体', [
      ['承包地被村里收回', '家里承包的地被村委会收回租给别人了，没有补偿'],
      ['土地流转费没给', '把地流转给合作社种果树，今年的流转费一直没给'],
    ]),
  ]),
  D('culture-tourism', '文化广电旅游局', 'Culture, Broadcasting and Tourism', ['文旅局'], null, [], [
    M('ct-tourism', '旅游市场', 'Tourism market', 'market-supervision', '旅游 旅行社 导游 景区 门票 购物团 跟团', [
      ['旅行社强迫购物', '报了一个低价旅游团，导游带去购物店不买就不让走'],
      ['景区门票乱收费', '景区进门收了门票，里面每个景点又要单独收钱'],
    ]),
    M('ct-venues', '网吧与娱乐场所', 'Internet cafes and entertainment venues', 'social-management', '网吧 未成年人上网 KTV 娱乐场所 演出', [
      ['网吧接待未成年人', '小区旁边的网吧里经常有穿校服的学生通宵上网'],
      ['KTV营业到凌晨', '街边的KTV营业到凌晨四点，门口很乱'],
    ]),
  ]),
  D('commerce', '商务局', 'Commerce', ['商务局'], null, [], [
    M('co-prepaid', '单用途预付卡', 'Prepaid cards', 'market-supervision', '预付卡 办卡 充值卡 会员卡 健身房 美容店 理发店 关门跑路', [
      ['健身房关门卡里钱没用完', '办了三千块的健身卡才用了两个月，健身房就关门了'],
      ['理发店办卡后涨价', '在理发店充了两千块会员卡，现在说要补差价才能用'],
      ['美容店不退充值', '美容店充值的五千块想退，店里说只能消费不能退'],
    ]),
  ]),
  D('fire-rescue', '消防救援支队', 'Fire and Rescue', ['消防', '消防队'], null, [], [
    M('fr-hazards', '消防隐患与消防通道', 'Fire hazards and fire lanes', 'social-management', '消防通道 消防 火灾隐患 灭火器 消防栓 堵塞 安全出口', [
      ['消防通道被堵', '小区的消防通道停满了车，真着火了消防车根本进不来'],
      ['商场安全出口上锁', '商场的安全出口被锁住了，还堆着杂物'],
      ['楼道灭火器都空了', '楼道里的灭火器全都过期了，消防栓里面没有水带'],
    ]),
  ]),
  D('forestry-greening', '园林绿化局', 'Parks and Greening', ['园林局', '绿化局'], null, [], [
    M('fg-trees', '树木与绿地', 'Trees and green spaces', 'environmental-protection', '树木 修剪 大树 树枝 绿化带 草坪 公园 古树 砍树', [
      ['路边树枝快压到电线', '路边大树的树枝长得太长，已经压到电线上了'],
      ['有人砍绿化带的树', '小区外面绿化带的几棵大树被人砍了'],
      ['公园设施坏了没人修', '公园里的长椅和健身器材坏了很久没修'],
    ]),
  ]),
  D('veterans', '退役军人事务局', 'Veterans Affairs', ['退役军人局'], null, [], [
    M('ve-benefits', '退役军人优抚', 'Veterans benefits', 'public-services', '退役军人 退伍 优抚 军人 抚恤 复员', [
      ['退伍军人补助没发', '我父亲是老复员军人，今年的优抚补助一直没领到'],
      ['退役后安置问题', '刚退伍回来，想问安置工作和一次性补助的政策'],
    ]),
  ]),
  D('disabled-persons', '残疾人联合会', 'Disabled Persons Federation', ['残联'], null, [], [
    M('dp-support', '残疾人证与补贴', 'Disability cards and support', 'public-services', '残疾证 残疾人 残疾补贴 轮椅 无障碍 盲道 助残', [
      ['残疾证怎么办', '孩子听力有问题，想给他办残疾证，问流程'],
      ['残疾人补贴标准', '问重度残疾人护理补贴每个月有多少，怎么申请'],
      ['无障碍坡道被占', '银行门口的无障碍坡道被摊位占了，轮椅上不去'],
    ]),
  ]),
  D('justice', '司法局', 'Justice', ['司法局'], null, [], [
    M('ju-legal-aid', '法律援助与人民调解', 'Legal aid and mediation', 'public-services', '法律援助 律师 公证 人民调解 法律咨询 调解', [
      ['请不起律师', '被人打伤了想起诉，但家里困难请不起律师，问有没有法律援助'],
      ['公证处办事慢', '办一个继承公证已经两个月了，公证处一直说等'],
    ]),
  ]),
  D('communications', '通信管理局', 'Communications Administration', ['通管局'], null, [], [
    M('cm-telecom', '通信服务与骚扰信息', 'Telecoms service and spam', 'market-supervision', '手机信号 信号差 宽带 运营商 骚扰电话 垃圾短信 流量 套餐 基站', [
      ['家里手机没信号', '搬进新小区以后家里手机几乎没有信号，打电话要跑到阳台'],
      ['宽带乱扣费', '宽带合约到期了一直在扣费，营业厅说没办法退'],
      ['每天接十几个推销电话', '每天都接到卖房子和贷款的骚扰电话，烦死了'],
    ]),
  ]),
  D('power-supply', '供电公司', 'Power Supply Company', ['电力公司', '供电局'], null, [], [
    M('ps-outage', '停电与用电', 'Power outages', 'public-services', '停电 电费 电表 断电 电压 电线 供电 跳闸', [
      ['小区突然停电', '我们小区整栋楼从中午开始停电，到现在没有来电，也没有通知'],
      ['电费突然很高', '这个月电费比平时多了一倍，怀疑电表有问题'],
      ['电压不稳灯一直闪', '晚上家里电压不稳，灯一直闪，空调都开不起来'],
    ]),
  ]),
  D('water-supply', '云州水务集团供水公司', 'Yunzhou Water Supply Company', ['自来水公司', '水司'], null, CITY_WATER, [
    M('ws-supply', '城区供水', 'City water supply', 'public-services', '停水 自来水 水压 水质 水费 水表 黄水 供水 没水', [
      ['家里停水了', '家里从早上就没水了，没有看到停水通知'],
      ['自来水发黄', '打开水龙头流出来的自来水是黄色的，还有异味'],
      ['楼上水压太低', '住在七楼，白天水压低得洗不了澡'],
    ]),
  ]),
  D('gaoxin-water', '高新区供水有限公司', 'High-Tech Zone Water Company', ['高新区水司'], null, ['gaoxin'], [
    M('gw-supply', '高新区供水', 'High-Tech Zone water supply', 'public-services', '停水 自来水 水压 水质 水费 水表 黄水 供水 没水', []),
  ]),
  D('gas-supply', '燃气集团', 'Gas Company', ['燃气公司', '天然气公司'], null, [], [
    M('gs-gas', '燃气供应与安全', 'Gas supply and safety', 'public-services', '燃气 天然气 煤气 燃气费 燃气表 开通燃气 燃气泄漏 点火', [
      ['燃气一直开通不了', '新房子交房三个月了，燃气还没给开通，没法做饭'],
      ['燃气表走得太快', '家里没怎么做饭，燃气表的数却涨得特别快'],
      ['楼道里有煤气味', '楼道里一直有一股煤气的味道，怀疑哪里漏气'],
    ]),
  ]),
  D('heating', '热力公司', 'Heating Company', ['供热公司', '热力'], null, [], [
    M('he-heating', '集中供暖', 'District heating', 'public-services', '暖气 供暖 供热 暖气片 取暖费 采暖 室温', [
      ['暖气不热', '家里的暖气片摸着是凉的，室温只有十四度'],
      ['没住也要交取暖费', '房子一直空着没住人，热力公司还要全额收取暖费'],
    ]),
  ]),
  D('development-reform', '发展和改革委员会', 'Development and Reform Commission', ['发改委'], null, [], [
    M('dr-prices', '政府定价与收费标准', 'Government-set prices and fees', 'economic-regulation', '收费标准 政府定价 停车收费 物业费标准 涨价 价格听证', [
      ['停车场收费太贵', '医院门口停车场一小时收十五块，想问收费标准是谁定的'],
      ['物业费标准能不能调整', '小区物业要涨物业费，问政府有没有规定的收费标准'],
    ]),
  ]),
  D('tobacco', '烟草专卖局', 'Tobacco Monopoly', ['烟草局'], null, [], [
    M('to-sales', '烟草销售', 'Tobacco sales', 'market-supervision', '香烟 烟草 卖烟 假烟 烟草证 电子烟 未成年人买烟', [
      ['小卖部卖烟给学生', '学校门口的小卖部经常把烟卖给初中生'],
      ['怀疑买到假烟', '在路边店买的一条烟抽起来味道不对，怀疑是假烟'],
    ]),
  ]),
  D('statistics', '统计局', 'Statistics', ['统计局'], null, [], [
    M('st-surveys', '统计调查', 'Statistical surveys', 'other', '统计 人口普查 经济普查 调查员 统计调查', [
      ['怀疑统计调查员是假的', '有人上门说是人口普查的调查员，要问家里情况，不知道真假'],
      ['经济普查需要填什么', '公司收到经济普查的通知，想问要填报哪些内容'],
    ]),
  ]),
  D('women-federation', '妇女联合会', "Women's Federation", ['妇联'], null, [], [
    M('wf-rights', '妇女儿童权益', "Women's and children's rights", 'social-management', '家暴 家庭暴力 妇女权益 儿童权益 妇联 婚姻家庭', [
      ['遭受家庭暴力', '丈夫喝了酒经常打我，不知道该向谁求助'],
      ['孩子被家长长期打骂', '邻居家孩子天天被打，哭得很惨，想反映一下'],
    ]),
  ]),
];

/** The five district governments: matters handled where they happen (属地管理). */
const DISTRICT_MATTERS = (region) => [
  M(`${region.id}-property`, '小区物业服务', 'Residential property management', 'social-management', '物业 物业公司 业委会 小区管理 物业服务 物业收费 楼道 保安', [
    ['物业不管事', '小区物业收了物业费什么都不管，楼道灯坏了几个月没人修'],
    ['物业停车乱收费', '物业突然说小区内停车每月要交三百块，业主没有同意过'],
    ['楼道堆满杂物', '楼道里住户堆满了纸箱和旧家具，跟物业说了也不处理'],
  ]),
  M(`${region.id}-neighbours`, '邻里纠纷与社区事务', 'Neighbour disputes and community affairs', 'social-management', '邻里纠纷 邻居 社区 居委会 漏水 楼上 装修 养狗', [
    ['楼上漏水邻居不管', '楼上卫生间漏水，把我家天花板泡坏了，邻居不肯修'],
    ['邻居养狗扰民', '邻居家养了三条大狗，天天叫，还在楼道随地大小便'],
    ['楼上装修时间太早', '楼上装修每天早上七点就开始砸墙，周末也不停'],
  ]),
  M(`${region.id}-old-estates`, '老旧小区改造', 'Old estate renovation', 'public-services', '老旧小区 老旧小区改造 小区改造 加装电梯 旧改 外墙', [
    ['老小区想加装电梯', '我们是九十年代的老小区，楼里老人多，想问加装电梯怎么申请'],
    ['旧改施工拖拖拉拉', '小区改造把路都挖开了，三个月了还没修好'],
  ]),
];
for (const region of REGIONS) {
  DEPARTMENTS.push(
    D(`district-${region.id}`, `${region.nameZh}人民政府`, `${region.nameEn} Government`, [`${region.nameZh}政府`], null, [region.id], DISTRICT_MATTERS(region)),
  );
}

/** Matters several departments handle together (协同): the label is the lead. */
const SHARED = [
  M('shared-night-construction', '夜间施工噪声', 'Construction noise at night', 'environmental-protection', '夜间施工 半夜施工 施工噪音 打桩 连夜施工 夜间 半夜 凌晨 通宵 搅拌车', [
    ['工地半夜还在施工', '附近工地每天晚上十二点以后还在打桩，震得窗户响，根本睡不着'],
    ['夜里搅拌车轰隆隆', '凌晨两三点工地的搅拌车和电锯还在响，已经一个星期了'],
    ['晚上连夜浇筑混凝土', '楼旁边的工地连着几个晚上通宵施工，问有没有夜间施工许可'],
  ]),
  M('shared-migrant-wages', '工程建设领域欠薪', 'Unpaid wages on construction projects', 'social-management', '农民工 工地欠薪 包工头 工程款 项目部 建筑工人', [
    ['工地农民工讨薪', '我们十几个工人在这个楼盘干了半年，包工头说工程款没到不给钱'],
    ['项目部拖欠工人工资', '项目部一直拖着建筑工人的工资，春节前还不发大家没法回家'],
    ['包工头失联欠薪', '包工头带着钱跑了，工地上三十多个人的工钱没着落'],
  ]),
  M('shared-cooking-fumes', '餐饮油烟扰民', 'Restaurant cooking fumes', 'environmental-protection', '油烟 餐饮油烟 烧烤 油烟机 排烟', [
    ['楼下饭店油烟熏人', '楼下饭店的排烟管道直接对着我家窗户，油烟味熏得没法开窗'],
    ['露天烧烤烟很大', '小区门口的烧烤摊每天晚上烟雾弥漫，整栋楼都是味'],
  ]),
  M('shared-group-rental', '群租房', 'Overcrowded rentals', 'social-management', '群租 群租房 隔断 二房东 出租屋', [
    ['对门是群租房', '对门一套房子隔成了十几间，住了二十多个人，进出很乱'],
    ['二房东打隔断出租', '二房东把三居室隔成八间出租，消防隐患很大'],
  ]),
  M('shared-ebike-charging', '电动车违规充电', 'Unsafe e-bike charging', 'social-management', '电动车 飞线充电 楼道充电 电瓶车 充电桩', [
    ['电动车在楼道充电', '好几户把电动车推进楼道里充电，还从窗户拉电线下来'],
    ['小区没有充电桩', '小区没有电动车充电桩，大家只能飞线充电，很危险'],
  ]),
];
const SHARED_ROLES = {
  'shared-night-construction': { leadId: 'urban-management', helperIds: ['housing-construction', 'ecology-environment'] },
  'shared-migrant-wages': { leadId: 'labour-inspection', helperIds: ['housing-construction'] },
  'shared-cooking-fumes': { leadId: 'urban-management', helperIds: ['ecology-environment'] },
  'shared-group-rental': { leadId: 'public-security', helperIds: ['housing-construction', 'fire-rescue'] },
  'shared-ebike-charging': { leadId: 'fire-rescue', helperIds: ['power-supply'] },
};

const catalogue = {
  city: { nameZh: '云州市', nameEn: 'Yunzhou' },
  regions: REGIONS,
  departments: DEPARTMENTS.map(({ matters, ...department }) => ({
    ...department,
    matters: matters.map(({ situations: _situations, ...matter }) => matter),
  })),
  sharedMatters: SHARED.map(({ situations: _situations, ...matter }) => ({ ...matter, ...SHARED_ROLES[matter.id] })),
};

// ---- labelled work orders ----

let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const OPENINGS = ['来电人反映：', '市民来电称，', '来电人表示，', '市民反映，', '来电人说，', ''];
const ASKS = ['希望相关部门尽快处理。', '请有关部门核实处理。', '要求给个说法。', '希望尽快解决。', '请帮忙协调。', '想咨询具体怎么办。'];
const TYPES = ['complaint', 'help-request', 'consultation', 'report'];

const orders = [];
let situationCount = 0;
/**
 * How the region is given: in the district field, only inside the address, or not
 * at all (only for city-wide matters: a department that covers one region needs it).
 */
function placeOf(regionNeeded) {
  const region = pick(REGIONS);
  const street = pick(STREETS[region.id]);
  const roll = random();
  if (roll < 0.65) return { region, district: region.nameZh, address: `${street}${1 + Math.floor(random() * 200)}号` };
  if (roll < 0.9 || regionNeeded) return { region, district: '', address: `${pick([region.nameZh, ...region.aliases])}${street}附近` };
  return { region: null, district: '', address: '' };
}

function addOrders(matter, departmentFor, helperIds, situations, variants) {
  situations.forEach(([summary, detail]) => {
    situationCount += 1;
    const split = situationCount % 3 === 0 ? 'test' : 'tune';
    for (let v = 0; v < variants; v += 1) {
      const regionNeeded = departmentFor(null) === null;
      const place = placeOf(regionNeeded);
      const departmentId = departmentFor(place.region);
      const where = place.address && random() < 0.5 ? `在${place.district}${place.address}，` : '';
      orders.push({
        id: `o${String(orders.length + 1).padStart(4, '0')}`,
        split,
        summary: v === 0 ? summary : `${summary}${pick(['', '，多次反映未解决', '，情况紧急', ''])}`,
        description: `${pick(OPENINGS)}${where}${detail}。${pick(ASKS)}`,
        type: pick(TYPES),
        domain: random() < 0.7 ? matter.domain ?? null : null,
        district: place.district,
        address: place.address,
        departmentId,
        helperIds,
        matterId: matter.id,
      });
    }
  });
}

for (const department of DEPARTMENTS) {
  for (const matter of department.matters) {
    if (department.id === 'gaoxin-water') continue;
    if (department.id === 'water-supply') {
      // The city company covers four districts, the High-Tech Zone has its own: the region decides.
      addOrders(matter, (region) => (region === null ? null : region.id === 'gaoxin' ? 'gaoxin-water' : 'water-supply'), [], matter.situations, 4);
    } else if (department.id.startsWith('district-')) {
      const kind = matter.id.slice(matter.id.indexOf('-') + 1);
      if (department.id !== 'district-donghu') continue;
      // One set of situations serves every district: the region decides which government.
      addOrders({ ...matter, id: kind }, (region) => (region === null ? null : `district-${region.id}`), [], matter.situations, 5);
    } else {
      addOrders(matter, () => department.id, [], matter.situations, 2);
    }
  }
}
for (const shared of SHARED) addOrders(shared, () => SHARED_ROLES[shared.id].leadId, SHARED_ROLES[shared.id].helperIds, shared.situations, 2);

mkdirSync(new URL('../assets/dispatch/', import.meta.url), { recursive: true });
writeFileSync(new URL('../assets/dispatch/catalogue.json', import.meta.url), `${JSON.stringify(catalogue, null, 1)}\n`);
writeFileSync(
  new URL('../assets/dispatch/labelled-orders.json', import.meta.url),
  `${JSON.stringify({ note: 'Made-up work orders of the sample city, labelled with the department that should lead (scripts/dispatch-sample.mjs).', orders }, null, 1)}\n`,
);
const test = orders.filter((o) => o.split === 'test').length;
console.log(`catalogue: ${catalogue.departments.length} departments, ${catalogue.sharedMatters.length} shared matters; orders: ${orders.length} (${test} held out for test)`);
