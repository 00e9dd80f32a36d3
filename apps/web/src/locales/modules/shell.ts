import type { AreaMessages } from './types';

/** Texts of the layout around every page: the tab title's suffix, the breadcrumb. */
const messages: AreaMessages = {
  'zh-CN': {
    shell: {
      titleSuffix: '绩效管理',
      breadcrumb: '当前位置',
      listSeparator: '、',
      labelled: '{label}：{value}',
      parenthesized: '{text}（{note}）',
    },
  },
  'en-US': {
    shell: {
      titleSuffix: 'Performance Management',
      breadcrumb: 'You are here',
      listSeparator: ', ',
      labelled: '{label}: {value}',
      parenthesized: '{text} ({note})',
    },
  },
};

export default messages;
