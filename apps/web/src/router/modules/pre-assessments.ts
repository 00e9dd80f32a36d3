import { DocumentChecked } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/** 事前绩效评估: the department (or its agency) assesses, the bureau reviews. */
const preAssessments: AreaModule = {
  order: 35,
  routes: [
    {
      path: 'pre-assessments',
      name: 'pre-assessments',
      component: () => import('@/views/pre-assessments/list.vue'),
      meta: { title: 'preAssessments.menu', permission: Permission.PreAssessmentRead },
    },
    {
      path: 'pre-assessments/:id',
      name: 'pre-assessment-detail',
      component: () => import('@/views/pre-assessments/detail.vue'),
      meta: { title: 'preAssessments.detailTitle', permission: Permission.PreAssessmentRead, activeMenu: 'pre-assessments' },
    },
  ],
  menu: [{ route: 'pre-assessments', icon: DocumentChecked }],
};

export default preAssessments;
