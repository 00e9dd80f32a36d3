import { DataAnalysis, Odometer, PieChart, Tickets } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/**
 * 双监控 (issue 8): units record trackings of their projects and answer the warnings; the bureau
 * reviews them, watches coverage and the dashboard, and records adjusted budgets.
 */
const monitoring: AreaModule = {
  order: 50,
  routes: [
    {
      path: 'trackings',
      name: 'trackings',
      component: () => import('@/views/monitoring/list.vue'),
      meta: { title: 'monitoring.listMenu', permission: Permission.MonitoringRead },
    },
    {
      path: 'trackings/coverage',
      name: 'tracking-coverage',
      component: () => import('@/views/monitoring/coverage.vue'),
      meta: { title: 'monitoring.coverageMenu', permission: Permission.MonitoringRead },
    },
    {
      path: 'trackings/dashboard',
      name: 'monitoring-dashboard',
      component: () => import('@/views/monitoring/dashboard.vue'),
      meta: { title: 'monitoring.dashboardMenu', permission: Permission.MonitoringRead },
    },
    {
      path: 'trackings/adjustment-suggestions',
      name: 'adjustment-suggestions',
      component: () => import('@/views/monitoring/suggestions.vue'),
      meta: { title: 'monitoring.suggestionsMenu', permission: Permission.MonitoringRead },
    },
    {
      path: 'trackings/record/:projectId',
      name: 'tracking-record',
      component: () => import('@/views/monitoring/record.vue'),
      props: true,
      meta: { title: 'monitoring.recordTitle', permission: Permission.MonitoringWrite, activeMenu: 'trackings' },
    },
    {
      path: 'trackings/:id',
      name: 'tracking-detail',
      component: () => import('@/views/monitoring/detail.vue'),
      props: true,
      meta: { title: 'monitoring.detailTitle', permission: Permission.MonitoringRead, activeMenu: 'trackings' },
    },
  ],
  menu: [
    {
      key: 'monitoring',
      title: 'monitoring.group',
      icon: Odometer,
      children: [
        { route: 'trackings', icon: Tickets },
        { route: 'tracking-coverage', icon: PieChart },
        { route: 'monitoring-dashboard', icon: DataAnalysis },
        { route: 'adjustment-suggestions', icon: Tickets },
      ],
    },
  ],
};

export default monitoring;
