export * from './call-event';
export * from './call-view';
export * from './timeline';
