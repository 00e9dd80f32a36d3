import { DataAnalysis, Files } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/** 项目库 and the budget gate: departments keep their projects; the bureau watches target coverage. */
const projects: AreaModule = {
  order: 10,
  routes: [
    {
      path: 'projects',
      name: 'projects',
      component: () => import('@/views/projects/list.vue'),
      meta: { title: 'projects.menu', permission: Permission.ProjectRead },
    },
    {
      path: 'projects/:id',
      name: 'project-detail',
      component: () => import('@/views/projects/detail.vue'),
      meta: { title: 'projects.detailTitle', permission: Permission.ProjectRead, activeMenu: 'projects' },
    },
    {
      path: 'budget-gate',
      name: 'budget-gate',
      component: () => import('@/views/budget-gate/index.vue'),
      meta: { title: 'projects.gateMenu', permission: Permission.ProjectRead },
    },
  ],
  menu: [
    {
      key: 'projects',
      title: 'projects.group',
      icon: Files,
      children: [
        { route: 'projects', icon: Files },
        { route: 'budget-gate', icon: DataAnalysis },
      ],
    },
  ],
};

export default projects;
