import type { Messages } from '../../i18n/locales/messages';

/** Dispatch suggestions in the work order, zh-CN first. */
export const dispatchZhCN = {
  dispatch: {
    title: '派单建议',
    hint: '按 Ctrl+Shift+数字 选用',
    none: '填写诉求摘要和描述后，这里会按派单目录推荐承办部门',
    noMatch: '派单目录中没有与当前内容相符的事项，请手动选择部门',
    noCatalogue: '本机还没有派单目录（登录中心后会自动同步）',
    catalogueVersion: '派单目录第 {{version}} 版',
    choose: '选用',
    chosen: '已选用',
    lead: '主办',
    helpers: '协办：{{names}}',
    matter: '事项：{{matter}}',
    shared: '协同事项',
    keywords: '匹配：{{keywords}}',
    region: {
      covers: '辖区：{{region}}',
      cityWide: '全市范围',
      missing: '未填写区域，请确认辖区',
    },
    learned: { up: '以往派单多被受理', down: '以往派单曾被退回或改派' },
    departments: {
      title: '派单部门',
      fromCatalogue: '部门列表来自中心的派单目录（第 {{version}} 版，共 {{count}} 个部门），由中心维护，本机不再手工编辑',
    },
  },
};

export const dispatchEn: Messages<typeof dispatchZhCN> = {
  dispatch: {
    title: 'Suggested departments',
    hint: 'Ctrl+Shift+number to choose',
    none: 'Once the summary and description are written, departments from the dispatch catalogue are suggested here',
    noMatch: 'No matter in the dispatch catalogue fits what is written; choose the department by hand',
    noCatalogue: 'This desk has no dispatch catalogue yet (it syncs after signing in to the centre)',
    catalogueVersion: 'Dispatch catalogue version {{version}}',
    choose: 'Choose',
    chosen: 'Chosen',
    lead: 'Lead',
    helpers: 'Helping: {{names}}',
    matter: 'Matter: {{matter}}',
    shared: 'Shared matter',
    keywords: 'Matched: {{keywords}}',
    region: {
      covers: 'Covers {{region}}',
      cityWide: 'Whole city',
      missing: 'No district given; check who covers it',
    },
    learned: { up: 'Usually accepted when sent here before', down: 'Returned or re-dispatched before' },
    departments: {
      title: 'Departments',
      fromCatalogue: "The departments come from the centre's dispatch catalogue (version {{version}}, {{count}} departments), kept by the centre and no longer edited on this desk",
    },
  },
};
