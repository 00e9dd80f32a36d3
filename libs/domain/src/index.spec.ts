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
      'violationsWithin',
      'AGENCY_STATE_WORKFLOW',
      'isUnifiedSocialCreditCode',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
