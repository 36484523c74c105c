/**
 * A desk's history in its database, for what must be measured or looked at on a desk in use rather than a fresh one
 * (the benches' year: 250 shifts of 80 calls; the layout test's few dozen): calls with their work orders and timeline
 * events. Callers have names and addresses like a Chongqing centre's (rare characters included, as real addresses
 * have), orders their types and where the centre is with them, so the first screen's call log and work-order list
 * draw what a desk in use draws.
 */
import type Database from 'better-sqlite3';

const DAY = 86_400_000;
export const YEAR_END = Date.UTC(2026, 11, 1);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '谢', '綦'];
const TITLES = ['女士', '先生', '阿姨', '师傅', '大爷', '同学'];
const PLACES = ['渝中区解放碑街道民族路', '江北区观音桥街道建新北路', '沙坪坝区磁器口街道', '九龙坡区杨家坪街道', '綦江区古南街道文龙街', '璧山区璧城街道', '荣昌区昌元街道', '酉阳县桃花源街道', '黔江区城东街道', '巫溪县柏杨街道'];
const MATTERS = ['小区门口道路井盖缺失，夜间行人车辆存在安全隐患', '楼上住户夜间装修噪音扰民', '物业未按约定公示维修基金使用情况', '公交站台顶棚破损漏雨', '农民工工资被拖欠三个月', '餐馆油烟直排影响居民生活'];

export interface YearShape {
  calls: number;
  /** Timeline events per call (the desk-open bench keeps 20; a bench that copies the folder per run keeps fewer). */
  timelineEvents: number;
}

export const FULL_YEAR: YearShape = { calls: 20_000, timelineEvents: 20 };

const TYPES = ['consultation', 'help-request', 'complaint', 'report', 'suggestion'] as const;
const STATUSES = [null, 'received', 'dispatched', 'replied', 'follow-up-due', 'closed'] as const;

export function seedDeskHistory(db: Database.Database, shape: YearShape = FULL_YEAR, end = YEAR_END): void {
  // mulberry32: a fixed sequence in 32-bit integer steps (a float LCG loses its low bits past 2^53 and repeats).
  let seed = 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const call = db.prepare(`INSERT INTO calls (id, direction, remote_number, remote_name, started_at, answered_at, ended_at, outcome, ended_by, remote_number_norm, practice)
    VALUES (?, 'inbound', ?, ?, ?, ?, ?, 'answered', 'remote', ?, 0)`);
  const event = db.prepare(`INSERT INTO call_timeline (call_id, seq, kind, subject, start_ms, end_ms, payload, recorded_at) VALUES (?, ?, 'prompt', 'caller-angry', ?, ?, ?, ?)`);
  const order = db.prepare(`INSERT INTO work_orders (id, idempotency_key, call_id, fields, caller_phone_norm, callback_phone_norm, created_at, updated_at, sync_state, server_status, server_status_changed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'synced', ?, ?)`);
  db.transaction(() => {
    for (let n = 0; n < shape.calls; n++) {
      const id = `call-${n}`;
      const at = end - Math.floor(random() * 365 * DAY);
      const phone = `138${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      const name = `${pick(SURNAMES)}${pick(TITLES)}`;
      const address = `重庆市${pick(PLACES)}${1 + Math.floor(random() * 300)}号`;
      call.run(id, phone, name, at, at + 3_000, at + 300_000, phone);
      for (let s = 0; s < shape.timelineEvents; s++) event.run(id, s, s * 1_000, s * 1_000 + 500, JSON.stringify({ level: random(), text: '请先安抚来电人情绪' }), at);
      const summary = `${name}来电反映${address}${pick(MATTERS)}，希望相关部门尽快处理。`;
      const status = pick(STATUSES);
      const fields = { callerPhone: phone, summary, address, type: pick(TYPES), note: '来电人情绪激动，已安抚。'.repeat(30) };
      order.run(`order-${n}`, `key-${n}`, id, JSON.stringify(fields), phone, phone, at, at, status, status ? at + DAY : null);
    }
  })();
}
