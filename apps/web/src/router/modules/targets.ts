import { Aim, Edit, Stamp } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/**
 * 绩效目标: units and departments write targets; a department pre-reviews its units' targets; the
 * bureau reviews them and their change requests.
 */
const targets: AreaModule = {
  order: 40,
  routes: [
    {
      path: 'targets',
      name: 'targets',
      component: () => import('@/views/targets/list.vue'),
      meta: { title: 'targets.menu', permission: Permission.TargetRead },
    },
    {
      // 谁批预算谁批目标: the department's (or town's) workbench of its units' targets to pre-review.
      path: 'targets/pre-review',
      name: 'target-pre-review',
      component: () => import('@/views/targets/list.vue'),
      props: { presetStatus: 'department_review' },
      // The pre-review is the department's (or town's) step; the bureau reviews after it.
      meta: {
        title: 'targets.preReviewMenu',
        permission: Permission.TargetPreReview,
        audience: { organizationKinds: ['department', 'town'] },
      },
    },
    {
      path: 'targets/change-requests',
      name: 'target-change-requests',
      component: () => import('@/views/targets/change-requests.vue'),
      meta: { title: 'targets.changeRequestsMenu', permission: Permission.TargetRead },
    },
    {
      path: 'targets/:id',
      name: 'target-detail',
      component: () => import('@/views/targets/detail.vue'),
      meta: { title: 'targets.detailTitle', permission: Permission.TargetRead, activeMenu: 'targets' },
    },
  ],
  menu: [
    {
      key: 'targets',
      title: 'targets.group',
      icon: Aim,
      children: [
        { route: 'targets', icon: Aim },
        { route: 'target-pre-review', icon: Stamp },
        { route: 'target-change-requests', icon: Edit },
      ],
    },
  ],
};

export default targets;
