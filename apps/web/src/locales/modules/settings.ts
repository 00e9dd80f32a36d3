import type { AreaMessages } from './types';

/** Texts of the district settings (the working year, set on the policy profiles page). */
const messages: AreaMessages = {
  'zh-CN': {
    workingYear: {
      title: '工作年度',
      current: '当前工作年度：{year} 年',
      source_setting: '（财政局设定）',
      source_latest_profile: '（未设定，取最近的政策参数年度）',
      source_calendar: '（尚无任何政策参数）',
      choose: '选择年度',
      set: '设为工作年度',
      hint: '各类表单和筛选默认使用工作年度；只能选择已有政策参数的年度。',
      confirm: '将 {year} 年设为全区工作年度？各单位新建项目等表单将默认该年度。',
      saved: '工作年度已设为 {year} 年',
    },
  },
  'en-US': {
    workingYear: {
      title: 'Working year',
      current: 'Working year: {year}',
      source_setting: '(set by the finance bureau)',
      source_latest_profile: '(not set: the latest year with a policy profile)',
      source_calendar: '(no policy profile yet)',
      choose: 'Choose a year',
      set: 'Set as working year',
      hint: 'Forms and filters default to the working year; only years with a policy profile can be chosen.',
      confirm: 'Make {year} the district’s working year? New projects and other forms will default to it.',
      saved: 'The working year is now {year}',
    },
  },
};

export default messages;
