import * as domain from './index';

describe('@jixiao/domain entry point', () => {
  it('re-exports every module', () => {
    for (const name of [
      'DEFAULT_POLICY_PROFILE',
      'validatePolicyProfile',
      'copyProfile',
      'parseMoney',
      'MoneyFormatError',
      'isKeyByAmount',
      'planCoverage',
      'evaluationGrade',
      'reviewOutcome',
      'selfEvaluationScore',
      'preAssessmentTotal',
      'buildCalendar',
      'addWorkingDays',
      'trackingWarnings',
      'responseDeadline',
      'checkPassword',
      'DEFAULT_SECURITY_POLICY',
      'findVagueWords',
      'upgradeProfile',
      'PROFILE_SCHEMA_VERSION',
      'needsDepartmentPreReview',
      'indicatorWeightIssues',
      'templateScore',
      'rankFinanceKeyCandidates',
      'selectFinanceKeyEvaluations',
      'agencyIndependenceIssues',
      'commissioningIssues',
      'selfEvaluationDue',
      'indicatorRatio',
      'DEFAULT_EVALUATION_TEMPLATES',
      'violationsWithin',
      'AGENCY_STATE_WORKFLOW',
      'isUnifiedSocialCreditCode',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
