import { Module } from '@nestjs/common';

/** Skeleton: controllers and services arrive with the module's implementation. */
@Module({ controllers: [], providers: [] })
export class TargetsModule {}
