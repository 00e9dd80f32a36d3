import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isUnifiedSocialCreditCode } from '@jixiao/domain';

/**
 * 统一社会信用代码 with a matching check character (GB 32100-2015, `isUnifiedSocialCreditCode` in
 * libs/domain). Constraint name `isCreditCode` (zh wording in common/errors/validation-messages.ts).
 */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an 18-character unified social credit code with a matching check character', ...options },
      validator: {
        validate(value: unknown): boolean {
          return isUnifiedSocialCreditCode(value);
        },
      },
    });
  };
}
