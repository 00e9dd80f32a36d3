import {
  addMoney,
  compareMoney,
  formatMoney,
  formatMoneyDisplay,
  isMoney,
  moneyFromInput,
  MoneyFormatError,
  normalizeMoney,
  parseMoney,
  percentOf,
  subtractMoney,
  sumMoney,
  wanInputToYuan,
} from './money';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof MoneyFormatError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('parseMoney', () => {
  it.each([
    ['123', 12300n],
    ['123.4', 12340n],
    ['123.45', 12345n],
    ['0', 0n],
    ['0.01', 1n],
    ['6000000.00', 600000000n],
    ['007.5', 750n],
    ['9999999999999999.99', 999999999999999999n],
  ])('parses %s to %s cents', (input, cents) => {
    expect(parseMoney(input)).toBe(cents);
  });

  it.each([
    ['123.456', 'TOO_MANY_DECIMALS'],
    ['0.001', 'TOO_MANY_DECIMALS'],
    ['1e6', 'NOT_NUMERIC'],
    ['1.5E2', 'NOT_NUMERIC'],
    ['abc', 'NOT_NUMERIC'],
    ['', 'NOT_NUMERIC'],
    [' 12', 'NOT_NUMERIC'],
    ['12 ', 'NOT_NUMERIC'],
    ['1,000.00', 'NOT_NUMERIC'],
    ['.5', 'NOT_NUMERIC'],
    ['5.', 'NOT_NUMERIC'],
    ['+5', 'NOT_NUMERIC'],
    ['Infinity', 'NOT_NUMERIC'],
    ['0x10', 'NOT_NUMERIC'],
    ['１２３', 'NOT_NUMERIC'],
    ['10000000000000000', 'OUT_OF_RANGE'],
    ['10000000000000000.00', 'OUT_OF_RANGE'],
    ['-5', 'NEGATIVE'],
  ])('rejects %j (%s)', (input, reason) => {
    expect(reasonOf(() => parseMoney(input))).toBe(reason);
  });

  it('allows 16 integer digits, and leading zeros do not count', () => {
    expect(parseMoney('0000009999999999999999')).toBe(999999999999999900n);
  });

  it('rejects numbers and other non-strings with a typed error', () => {
    expect(() => parseMoney(6000000 as unknown as string)).toThrow(MoneyFormatError);
    expect(reasonOf(() => parseMoney(null as unknown as string))).toBe('NOT_A_STRING');
  });

  it('accepts a sign only when allowed', () => {
    expect(parseMoney('-0.01', { allowNegative: true })).toBe(-1n);
    expect(parseMoney('-0')).toBe(0n);
  });

  it('reads every string as the pattern -?digits(.digits)? read it: same cents, same reason (random strings)', () => {
    // the rule as a regular expression, kept here to compare the character-by-character reading with
    const byPattern = (value: string, allowNegative: boolean): bigint | string => {
      const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
      if (!match) return 'NOT_NUMERIC';
      const [, sign, integer, fraction = ''] = match;
      if (fraction.length > 2) return 'TOO_MANY_DECIMALS';
      if (integer.replace(/^0+(?=\d)/, '').length > 16) return 'OUT_OF_RANGE';
      const magnitude = BigInt(integer) * 100n + BigInt(fraction.padEnd(2, '0'));
      if (sign === '-' && magnitude !== 0n && !allowNegative) return 'NEGATIVE';
      return sign === '-' ? -magnitude : magnitude;
    };
    const read = (value: string, allowNegative: boolean): bigint | string => {
      try {
        return parseMoney(value, { allowNegative });
      } catch (error) {
        if (error instanceof MoneyFormatError) return error.reason;
        throw error;
      }
    };
    let seed = 20261204;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['0', '0', '1', '5', '9', '.', '-', ' ', 'e', '+', '٣', '０'];
    const words = [
      '',
      '.',
      '-',
      '-.',
      '0.',
      '.5',
      '1.',
      '1..2',
      '--1',
      '1-',
      '00000000000000000001.5',
      '12345678901234567',
      '1234567890123456.99',
    ];
    for (let i = 0; i < 5000; i++) {
      const length = next(20);
      words.push(Array.from({ length }, () => alphabet[next(alphabet.length)]).join(''));
    }
    for (const word of words) {
      for (const allowNegative of [false, true]) {
        expect({ word, allowNegative, cents: read(word, allowNegative) }).toEqual({
          word,
          allowNegative,
          cents: byPattern(word, allowNegative),
        });
      }
    }
  });

  it('carries a code and messages in both languages', () => {
    try {
      parseMoney('1.234');
      throw new Error('expected a MoneyFormatError');
    } catch (error) {
      expect(error).toBeInstanceOf(MoneyFormatError);
      const e = error as MoneyFormatError;
      expect(e.code).toBe('INVALID_MONEY');
      expect(e.message).toContain('two decimals');
      expect(e.messageZh).toContain('两位小数');
    }
  });
});

describe('isMoney', () => {
  it('mirrors parseMoney', () => {
    expect(isMoney('123.45')).toBe(true);
    expect(isMoney('123.456')).toBe(false);
    expect(isMoney(123.45)).toBe(false);
    expect(isMoney('-1')).toBe(false);
    expect(isMoney('-1', { allowNegative: true })).toBe(true);
  });
});

describe('formatMoney and arithmetic', () => {
  it('formats cents with two decimals', () => {
    expect(formatMoney(600000000n)).toBe('6000000.00');
    expect(formatMoney(5n)).toBe('0.05');
    expect(formatMoney(-1n)).toBe('-0.01');
    expect(formatMoney(0n)).toBe('0.00');
    expect(normalizeMoney('12.5')).toBe('12.50');
  });

  it('adds and subtracts exactly where floats would not', () => {
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(addMoney('9999999999999998.99', '1.00')).toBe('9999999999999999.99');
    expect(subtractMoney('6000000.00', '0.01')).toBe('5999999.99');
    expect(subtractMoney('1', '2.5')).toBe('-1.50');
  });

  it('refuses a result that does not fit numeric(18,2)', () => {
    expect(() => addMoney('9999999999999999.99', '0.01')).toThrow(MoneyFormatError);
    expect(() => sumMoney(['9999999999999999.99', '0.01'])).toThrow(MoneyFormatError);
  });

  it('compares', () => {
    expect(compareMoney('6000000', '6000000.00')).toBe(0);
    expect(compareMoney('5999999.99', '6000000')).toBe(-1);
    expect(compareMoney('10', '9.99')).toBe(1);
    expect(compareMoney('-1', '0')).toBe(-1);
  });

  it('sums a list; an empty list is zero', () => {
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(Array.from({ length: 10 }, () => '0.10'))).toBe('1.00');
    expect(sumMoney(['1.5', '2.25', '-0.75'])).toBe('3.00');
    expect(() => sumMoney(['1', 'x'])).toThrow(MoneyFormatError);
  });
});

describe('percentOf', () => {
  it('rounds to two decimals, half away from zero', () => {
    expect(percentOf('1', '3')).toBe(33.33);
    expect(percentOf('2', '3')).toBe(66.67);
    expect(percentOf('25', '100')).toBe(25);
    expect(percentOf('1500000.00', '6000000.00')).toBe(25);
    expect(percentOf('0.01', '6000000.00')).toBe(0);
    expect(percentOf('1', '8')).toBe(12.5);
    // 0.005 % is exactly half a hundredth: rounds up; 0.004 % rounds down.
    expect(percentOf('0.05', '1000')).toBe(0.01);
    expect(percentOf('0.04', '1000')).toBe(0);
  });

  it('handles over 100 % and negatives', () => {
    expect(percentOf('150', '100')).toBe(150);
    expect(percentOf('-1', '3')).toBe(-33.33);
  });

  it('refuses a zero whole', () => {
    expect(() => percentOf('1', '0')).toThrow(RangeError);
  });
});

describe('formatMoneyDisplay', () => {
  it('groups thousands', () => {
    expect(formatMoneyDisplay('6000000')).toBe('6,000,000.00');
    expect(formatMoneyDisplay('1234567.8', 'en-US')).toBe('1,234,567.80');
    expect(formatMoneyDisplay('999.99', 'zh-CN')).toBe('999.99');
    expect(formatMoneyDisplay('-1234.5', 'zh-CN')).toBe('-1,234.50');
  });

  it('keeps every digit of the largest amount', () => {
    expect(formatMoneyDisplay('9999999999999999.99', 'zh-CN')).toBe('9,999,999,999,999,999.99');
  });

  it('uses the decimal mark of the locale', () => {
    expect(formatMoneyDisplay('1234.5', 'de-DE')).toBe('1.234,50');
  });
});

describe('moneyFromInput', () => {
  it.each([
    ['6,000,000.00', '6000000.00'],
    ['6，000，000', '6000000.00'],
    [' 6 000 000.5 ', '6000000.50'],
    ['¥1,234.56', '1234.56'],
    ['￥12元', '12.00'],
    ['１２３．４', '123.40'],
    ['0', '0.00'],
  ])('reads %j as %s', (typed, amount) => {
    expect(moneyFromInput(typed)).toBe(amount);
  });

  it.each(['', '   ', 'abc', '1.234', '1e6', '--1', '1.2.3', '12万'])('refuses %j', (typed) => {
    expect(moneyFromInput(typed)).toBeNull();
  });

  it('refuses a negative amount unless allowed', () => {
    expect(moneyFromInput('-1,000.00')).toBeNull();
    expect(moneyFromInput('-1,000.00', { allowNegative: true })).toBe('-1000.00');
  });
});

describe('wanInputToYuan', () => {
  it.each([
    ['600', '6000000.00'],
    ['600.00万元', '6000000.00'],
    ['1,234.5678', '12345678.00'],
    ['0.0001', '1.00'],
    ['0.000001', '0.01'],
  ])('reads %j 万元 as %s yuan', (typed, yuan) => {
    expect(wanInputToYuan(typed)).toBe(yuan);
  });

  it.each(['0.0000001', 'x', '', '-1'])('refuses %j', (typed) => {
    expect(wanInputToYuan(typed)).toBeNull();
  });
});
