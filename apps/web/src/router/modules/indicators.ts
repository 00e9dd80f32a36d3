import { Collection, Files } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/** 分行业分领域指标库: the bureau curates, departments propose. */
const indicators: AreaModule = {
  order: 30,
  routes: [
    {
      path: 'indicators',
      name: 'indicators',
      component: () => import('@/views/indicators/list.vue'),
      meta: { title: 'indicators.menu', permission: Permission.IndicatorRead },
    },
    {
      path: 'indicators/proposals',
      name: 'indicator-proposals',
      component: () => import('@/views/indicators/proposals.vue'),
      meta: { title: 'indicators.proposalsMenu', permission: Permission.IndicatorRead },
    },
  ],
  menu: [
    {
      key: 'indicators',
      title: 'indicators.group',
      icon: Collection,
      children: [
        { route: 'indicators', icon: Collection },
        { route: 'indicator-proposals', icon: Files },
      ],
    },
  ],
};

export default indicators;
