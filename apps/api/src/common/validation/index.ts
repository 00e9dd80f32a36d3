export { IsMoney } from './is-money.decorator';
