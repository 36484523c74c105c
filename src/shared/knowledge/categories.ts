import type { WorkOrderDomain } from '../domain/work-order';

/**
 * The knowledge base's categories that answer each work-order domain: the
 * knowledge pane ranks them first when it searches from a work order.
 */
export const CATEGORIES_OF_DOMAIN: Record<WorkOrderDomain, readonly string[]> = {
  'economic-regulation': ['税务', '市场监管'],
  'market-supervision': ['市场监管'],
  'social-management': ['户籍', '城市管理', '应急安全', '司法', '婚姻家庭', '交通出行', '劳动保障'],
  'public-services': [
    '医疗保障', '社会保险', '住房公积金', '住房保障', '物业管理', '不动产', '教育', '卫生健康', '水电气暖', '养老服务',
    '社会救助', '残疾人服务', '退役军人', '文化旅游', '劳动保障',
  ],
  'environmental-protection': ['生态环境', '城市管理'],
  other: [],
};
