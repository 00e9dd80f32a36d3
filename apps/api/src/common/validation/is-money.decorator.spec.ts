import { validateSync } from 'class-validator';
import { IsMoney } from './is-money.decorator';

class Sample {
  @IsMoney()
  amount!: unknown;
}

function errorsFor(amount: unknown) {
  const sample = new Sample();
  sample.amount = amount;
  return validateSync(sample);
}

describe('IsMoney', () => {
  it('accepts non-negative decimal strings with at most two decimals', () => {
    expect(errorsFor('6000000.00')).toHaveLength(0);
    expect(errorsFor('0')).toHaveLength(0);
    expect(errorsFor('12.5')).toHaveLength(0);
  });

  it('refuses numbers, negatives, three decimals and garbage with the isMoney constraint', () => {
    for (const bad of [12.5, '-1', '1.234', 'abc', '', null]) {
      const errors = errorsFor(bad);
      expect(errors).toHaveLength(1);
      expect(errors[0].constraints).toEqual({ isMoney: 'must be a decimal string with at most two decimals' });
    }
  });
});
