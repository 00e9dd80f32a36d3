import { Avatar, Star } from '@element-plus/icons-vue';
import { Permission } from '@jixiao/contracts';
import type { AreaModule } from './types';

/** 评审: an expert's own reviews; the bureau's expert pool. */
const targetReviews: AreaModule = {
  order: 41,
  routes: [
    {
      path: 'target-reviews/mine',
      name: 'target-reviews-mine',
      component: () => import('@/views/target-reviews/mine.vue'),
      // Reviews are assigned to experts only; finance staff hold the permission but never a task.
      meta: { title: 'targetReviews.mineMenu', permission: Permission.TargetReviewWrite, audience: { roles: ['expert'] } },
    },
    {
      path: 'target-reviews/:id',
      name: 'target-review',
      component: () => import('@/views/target-reviews/review.vue'),
      meta: { title: 'targetReviews.reviewTitle', permission: Permission.TargetReviewRead, activeMenu: 'target-reviews-mine' },
    },
    {
      path: 'experts',
      name: 'experts',
      component: () => import('@/views/target-reviews/experts.vue'),
      meta: { title: 'targetReviews.expertsMenu', permission: Permission.TargetReview },
    },
  ],
  menu: [
    { route: 'target-reviews-mine', icon: Star },
    { route: 'experts', icon: Avatar },
  ],
};

export default targetReviews;
