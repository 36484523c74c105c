export { Dialer } from './components/Dialer';
export { callBack } from './call-back';
export { normalizeDialNumber } from './dial-number';
