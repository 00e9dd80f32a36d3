import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max } from 'class-validator';
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
});
