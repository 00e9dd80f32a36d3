import { Finished } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/** 重点项目清单 (R1–R4, R27): the department's own list, the bureau's filing, the coverage planner. */
const keyProjectLists: AreaModule = {
  order: 20,
  routes: [
    {
      path: 'key-project-lists/mine',
      name: 'key-project-list-mine',
      component: () => import('@/views/key-project-lists/mine.vue'),
      // Only departments and towns keep a list; everyone else would see a banner.
      meta: {
        title: 'keyProjectLists.mine',
        permission: Permission.KeyProjectListWrite,
        audience: { organizationKinds: ['department', 'town'] },
      },
    },
    {
      path: 'key-project-lists',
      name: 'key-project-lists',
      component: () => import('@/views/key-project-lists/list.vue'),
      // Lists belong to departments and towns: a unit (own scope) would always find this empty.
      meta: { title: 'keyProjectLists.all', permission: Permission.KeyProjectListRead, audience: { scopes: ['all', 'subtree'] } },
    },
    {
      path: 'key-project-lists/coverage',
      name: 'key-project-lists-coverage',
      component: () => import('@/views/key-project-lists/coverage.vue'),
      meta: { title: 'keyProjectLists.coverage', permission: Permission.KeyProjectListRead, audience: { scopes: ['all', 'subtree'] } },
    },
    {
      path: 'key-project-lists/:id',
      name: 'key-project-list-detail',
      component: () => import('@/views/key-project-lists/detail.vue'),
      meta: { title: 'keyProjectLists.detailTitle', permission: Permission.KeyProjectListRead, activeMenu: 'key-project-lists' },
    },
  ],
  menu: [
    {
      key: 'key-project-lists-group',
      title: 'keyProjectLists.menu',
      icon: Finished,
      children: [{ route: 'key-project-list-mine' }, { route: 'key-project-lists' }, { route: 'key-project-lists-coverage' }],
    },
  ],
};

export default keyProjectLists;
