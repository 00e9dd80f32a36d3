import { Histogram, Tickets } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/**
 * 绩效评价 (issue 9). Its pages go in the one menu group `evaluations` below: add a route here and
 * a leaf to the group's children.
 */
const evaluations: AreaModule = {
  order: 55,
  routes: [
    {
      path: 'evaluations/records',
      name: 'evaluation-records',
      component: () => import('@/views/evaluations/records/list.vue'),
      // Agencies see only commissioned evaluations: the history of organizations is not theirs.
      meta: { title: 'evaluations.records.menu', permission: Permission.EvaluationRead, audience: { scopes: ['all', 'subtree', 'own'] } },
    },
  ],
  menu: [
    {
      key: 'evaluations',
      title: 'evaluations.group',
      icon: Histogram,
      children: [{ route: 'evaluation-records', icon: Tickets }],
    },
  ],
};

export default evaluations;
