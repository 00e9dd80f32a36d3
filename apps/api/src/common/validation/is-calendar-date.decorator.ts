import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidDate } from '@jixiao/domain';

/**
 * A calendar date as 'YYYY-MM-DD' that exists (no 2022-02-30). Constraint name `isCalendarDate`
 * (zh wording in common/errors/validation-messages.ts).
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a calendar date (YYYY-MM-DD)', ...options },
      validator: {
        validate(value: unknown): boolean {
          return isValidDate(value);
        },
      },
    });
  };
}
