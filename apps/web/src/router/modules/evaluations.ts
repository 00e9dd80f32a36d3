import { DataAnalysis, Finished, Medal, PieChart, Tickets } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/**
 * 绩效评价 (issue 9): units self-evaluate the year before the working year, their department confirms;
 * departments evaluate key projects and the bureau its key evaluations on the profile's indicator
 * systems; everyone watches the R11 coverage of their scope; the records keep every finished and
 * imported evaluation. Its pages go in the one menu group below: add a route here and a leaf there.
 */
const evaluations: AreaModule = {
  order: 55,
  routes: [
    {
      path: 'evaluations',
      name: 'evaluations',
      component: () => import('@/views/evaluations/list.vue'),
      meta: { title: 'evaluations.listMenu', permission: Permission.EvaluationRead },
    },
    {
      path: 'evaluations/coverage',
      name: 'evaluation-coverage',
      component: () => import('@/views/evaluations/coverage.vue'),
      meta: { title: 'evaluations.coverageMenu', permission: Permission.EvaluationRead },
    },
    {
      path: 'evaluations/records',
      name: 'evaluation-records',
      component: () => import('@/views/evaluations/records/list.vue'),
      // Agencies see only commissioned evaluations: the history of organizations is not theirs.
      meta: { title: 'evaluations.records.menu', permission: Permission.EvaluationRead, audience: { scopes: ['all', 'subtree', 'own'] } },
    },
    {
      path: 'evaluations/finance-key',
      name: 'evaluation-finance-key',
      component: () => import('@/views/evaluations/finance-key/index.vue'),
      // R14: the bureau's selection; the API answers only district-wide callers.
      meta: { title: 'evaluations.financeKey.menu', permission: Permission.EvaluationReview, audience: { scopes: ['all'] } },
    },
    {
      path: 'evaluations/:id',
      name: 'evaluation-detail',
      component: () => import('@/views/evaluations/detail.vue'),
      props: true,
      meta: { title: 'evaluations.detailTitle', permission: Permission.EvaluationRead, activeMenu: 'evaluations' },
    },
  ],
  menu: [
    {
      // not 'evaluations': the list's own menu entry is keyed by its route name
      key: 'evaluation',
      title: 'evaluations.group',
      icon: Finished,
      children: [
        { route: 'evaluations', icon: DataAnalysis },
        { route: 'evaluation-coverage', icon: PieChart },
        { route: 'evaluation-finance-key', icon: Medal },
        { route: 'evaluation-records', icon: Tickets },
      ],
    },
  ],
};

export default evaluations;
