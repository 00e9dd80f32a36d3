import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max } from 'class-validator';
import { ValidationPipe } from '@nestjs/common';
import { IdParam } from '../http/id-param';
import { QueryValidationPipe } from './query-validation-cache';

class ListQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(2100)
  year?: number;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];
}

const pipe = () => new QueryValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
const asQuery = { type: 'query' as const, metatype: ListQuery, data: undefined };

describe('QueryValidationPipe', () => {
  it('gives the same DTO for the same query string, each request its own copy', async () => {
    const p = pipe();
    const first = (await p.transform({ year: '2022', tags: ['a', 'b'] }, asQuery)) as ListQuery;
    const again = (await p.transform({ year: '2022', tags: ['a', 'b'] }, asQuery)) as ListQuery;
    const third = (await p.transform({ year: '2022', tags: ['a', 'b'] }, asQuery)) as ListQuery;
    for (const dto of [first, again, third]) {
      expect(dto).toBeInstanceOf(ListQuery);
      expect(dto).toEqual(Object.assign(new ListQuery(), { year: 2022, tags: ['a', 'b'] }));
    }
    expect(again).not.toBe(first);
    again.tags!.push('changed');
    again.year = 1;
    expect(third.tags).toEqual(['a', 'b']);
    expect(third.year).toBe(2022);
    expect(((await p.transform({ year: '2021' }, asQuery)) as ListQuery).year).toBe(2021);
  });

  it('refuses a bad query every time, and never remembers it', async () => {
    const p = pipe();
    for (let i = 0; i < 2; i++) {
      await expect(p.transform({ year: '3000' }, asQuery)).rejects.toBeInstanceOf(BadRequestException);
      await expect(p.transform({ year: '2022', extra: 'x' }, asQuery)).rejects.toBeInstanceOf(BadRequestException);
    }
  });

  it('validates a body as the plain pipe does, every time', async () => {
    const p = pipe();
    const body = { type: 'body' as const, metatype: ListQuery, data: undefined };
    expect(await p.transform({ year: 2022 }, body)).toEqual(Object.assign(new ListQuery(), { year: 2022 }));
    await expect(p.transform({ year: 3000 }, body)).rejects.toBeInstanceOf(BadRequestException);
  });

  it("answers a path's id as the full pipe does: the same IdParam for a UUID, the same refusal for anything else", async () => {
    const asParam = { type: 'param' as const, metatype: IdParam, data: undefined };
    const full = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    const outcome = async (run: () => Promise<unknown>) => {
      try {
        const value = await run();
        return { value, type: (value as object)?.constructor?.name };
      } catch (error) {
        return { refused: (error as BadRequestException).getResponse() };
      }
    };
    for (const value of [
      { id: '949bb26b-f2b3-415b-a501-51550961cb13' },
      { id: '949BB26B-F2B3-415B-A501-51550961CB13' },
      // IsUUID's version and variant rules: hex alone is not enough
      { id: '949bb26b-f2b3-915b-a501-51550961cb13' },
      { id: '949bb26b-f2b3-415b-0501-51550961cb13' },
      { id: '00000000-0000-0000-0000-000000000000' },
      { id: 'not-a-uuid' },
      { id: '' },
      { id: '949bb26b-f2b3-415b-a501-51550961cb13', other: 'x' },
      {},
    ]) {
      const fast = await outcome(() => pipe().transform({ ...value }, asParam));
      expect({ value, ...fast }).toEqual({ value, ...(await outcome(() => full.transform({ ...value }, asParam))) });
    }
    expect(await outcome(() => pipe().transform({ id: '949bb26b-f2b3-415b-a501-51550961cb13' }, asParam))).toEqual({
      value: Object.assign(new IdParam(), { id: '949bb26b-f2b3-415b-a501-51550961cb13' }),
      type: 'IdParam',
    });
  });
});
