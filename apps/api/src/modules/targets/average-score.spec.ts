import { averageScore } from './targets.service';

describe('averageScore (N5: the experts’ average, exact to two decimals)', () => {
  it('averages two-decimal scores exactly, rounding half up', () => {
    expect(averageScore(['90.00'])).toBe('90.00');
    expect(averageScore(['90.00', '89.99'])).toBe('90.00');
    expect(averageScore(['89.99', '89.98'])).toBe('89.99');
    expect(averageScore(['80', '79.99', '79.99'])).toBe('79.99');
    expect(averageScore(['60.5', '59.5'])).toBe('60.00');
  });
});
