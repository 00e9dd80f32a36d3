export { IsMoney } from './is-money.decorator';
export { IsCalendarDate } from './is-calendar-date.decorator';
