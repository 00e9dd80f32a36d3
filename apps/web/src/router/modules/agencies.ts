import { Collection, OfficeBuilding } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/**
 * 第三方机构管理 (issue 9, R13, N8): the bureau keeps the agency registry; departments and towns read
 * it to choose an agency for their commissions; an agency sees its own entry; auditors read.
 */
const agencies: AreaModule = {
  order: 60,
  routes: [
    {
      path: 'agencies',
      name: 'agencies',
      component: () => import('@/views/agencies/list.vue'),
      meta: { title: 'agencies.listMenu', permission: Permission.AgencyRead },
    },
    {
      path: 'agencies/:id',
      name: 'agency-detail',
      component: () => import('@/views/agencies/detail.vue'),
      props: true,
      meta: { title: 'agencies.detailTitle', permission: Permission.AgencyRead, activeMenu: 'agencies' },
    },
  ],
  menu: [{ key: 'agency-registry', title: 'agencies.group', icon: OfficeBuilding, children: [{ route: 'agencies', icon: Collection }] }],
};

export default agencies;
