import { Aim, Edit } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/** 绩效目标: the department writes targets; the bureau reviews them and their change requests. */
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
        { route: 'target-change-requests', icon: Edit },
      ],
    },
  ],
};

export default targets;
