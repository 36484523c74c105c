// The service's public face for the desktop app, which runs it embedded in main when no centre address is set.
export { startWorkOrderService, type RunningWorkOrderService } from './service';
export { openSqliteStore } from './store/sqlite/sqlite-store';
export { hashToken, issueToken, looksLikeToken } from './tokens';
