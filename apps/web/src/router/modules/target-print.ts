import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/** 打印申报表: the printable 绩效目标申报表, a page of its own (no sidebar), opened from the target's page. */
const targetPrint: AreaModule = {
  order: 41,
  routes: [],
  menu: [],
  standalone: [
    {
      path: '/targets/:id/print',
      name: 'target-print',
      component: () => import('@/views/targets/print.vue'),
      meta: { title: 'targetPrint.pageTitle', permission: Permission.TargetRead },
    },
  ],
};

export default targetPrint;
