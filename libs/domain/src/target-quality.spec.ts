import { copyProfile, DEFAULT_POLICY_PROFILE as P } from './policy-profile';
import { findVagueWords } from './target-quality';

describe('R8 findVagueWords', () => {
  it('finds the profile words in a text', () => {
    expect(findVagueWords('服务质量进一步提升，群众满意度显著提高', P)).toEqual(['进一步', '显著']);
    expect(findVagueWords('完成道路养护 12.5 公里', P)).toEqual([]);
    expect(findVagueWords('', P)).toEqual([]);
  });

  it('uses the words of the profile', () => {
    const profile = copyProfile(P);
    profile.targetReview.vagueWords = ['力争'];
    expect(findVagueWords('力争进一步提升', profile)).toEqual(['力争']);
  });
});
