import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isMoney } from '@jixiao/domain';

/**
 * A non-negative decimal string in yuan with at most two decimals ('6000000', '6000000.00').
 * Constraint name `isMoney` (zh wording in common/errors/validation-messages.ts). Never a JS number.
 */
export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a decimal string with at most two decimals', ...options },
      validator: {
        validate(value: unknown): boolean {
          return isMoney(value);
        },
      },
    });
  };
}
