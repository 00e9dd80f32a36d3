import type { AreaMessages } from './types';

/** Texts of the evaluation rules on the policy-profile page (R11–R14, N8; profile schema 4). */
const messages: AreaMessages = {
  'zh-CN': {
    policyEval: {
      self: {
        title: '单位自评计分规则',
        hint: '预算执行率项按“权重 × 执行率（最高 100%）”计分；其余各项由计入该项的指标按完成程度分摊。定性指标按“双监控”中的定性分档计分。',
        executionItem: '按预算执行率计分的项目',
        equalTolerancePct: '“=”指标容差（%，容差内得满分，超出按 1 − 偏差率计分）',
        indicatorParts: '各一级指标计入的自评项',
        weightFallbacks: '目标未设某类指标时，其权重转入',
      },
      templates: {
        title: '部门评价与财政重点评价指标体系',
        hint: '一级指标（决策、过程、产出、效益）的权重合计须等于评价总分；各二级指标分值合计须等于其一级指标权重。',
        weight: '权重',
        points: '分值',
        addItem: '添加二级指标',
        addDimension: '添加一级指标',
        itemsSum: '二级指标合计 {sum}，应为 {weight}',
        itemCount: '{n} 项',
        show: '查看二级指标',
        edit: '编辑指标体系',
      },
      criteria: {
        title: '财政重点评价遴选标准',
        hint: '各标准权重合计须等于评价总分；按得分从高到低排序，同分按预算金额从大到小、再按项目编码排序。',
        lastYearExecution: '上年预算执行率（越低得分越高）',
        managementChain: '项目管理链条（层级越多得分越高）',
        livelihoodAndAttention: '民生重点与百姓关注度',
        weight: '权重',
        fullAtOrBelowPct: '执行率不高于（%）得满分',
        zeroAtOrAbovePct: '执行率不低于（%）不得分',
        zeroAtOrBelowLevels: '层级不多于此数不得分',
        fullAtOrAboveLevels: '层级不少于此数得满分',
        livelihoodWeight: '民生重点权重',
        attentionWeight: '百姓关注度权重',
        attentionPct: '关注度{level}得分比例（%）',
      },
      agencies: {
        title: '第三方机构委托',
        violationLookBackYears: '违规记录回溯年数',
        platformReferenceKinds: '须通过上海市预算绩效综合服务平台实施并登记平台编号的评价',
        checklist: '委托标准核对清单（委托时须逐项确认）',
      },
    },
  },
  'en-US': {
    policyEval: {
      self: {
        title: 'Self-evaluation scoring',
        hint: 'The budget execution item scores its weight × the execution rate (at most 100%); each other item is shared among the indicators counted in it by how far they were achieved. Qualitative indicators use the bands of dual monitoring.',
        executionItem: 'Item scored from the execution rate',
        equalTolerancePct: 'Tolerance of "=" indicators (%: full marks within it, 1 − deviation outside)',
        indicatorParts: 'Item each level-1 indicator counts in',
        weightFallbacks: 'When a target has no indicator of a kind, its weight moves to',
      },
      templates: {
        title: 'Indicator systems of department and finance key evaluations',
        hint: 'The weights of the dimensions (decision, process, output, effect) add up to the total score; each dimension’s items add up to its weight.',
        weight: 'Weight',
        points: 'Points',
        addItem: 'Add item',
        addDimension: 'Add dimension',
        itemsSum: 'Items add up to {sum}, expected {weight}',
        itemCount: '{n} items',
        show: 'Show the items',
        edit: 'Edit the indicator systems',
      },
      criteria: {
        title: 'Finance key evaluation criteria',
        hint: 'The criteria weights add up to the total score; candidates are ranked by score, ties by budget (largest first), then by code.',
        lastYearExecution: 'Last year’s execution rate (lower scores more)',
        managementChain: 'Management chain (more levels score more)',
        livelihoodAndAttention: 'Livelihood priority and public attention',
        weight: 'Weight',
        fullAtOrBelowPct: 'Full at or below (%)',
        zeroAtOrAbovePct: 'None at or above (%)',
        zeroAtOrBelowLevels: 'None at or below (levels)',
        fullAtOrAboveLevels: 'Full at or above (levels)',
        livelihoodWeight: 'Livelihood weight',
        attentionWeight: 'Public attention weight',
        attentionPct: 'Share for attention "{level}" (%)',
      },
      agencies: {
        title: 'Commissioning third-party agencies',
        violationLookBackYears: 'Violation look-back (years)',
        platformReferenceKinds: 'Evaluations run through the Shanghai budget performance service platform, with its reference number',
        checklist: 'Commissioning checklist (each item confirmed when commissioning)',
      },
    },
  },
};

export default messages;
