import { Global, Module } from '@nestjs/common';
import { PolicyProfilesController } from './policy-profiles.controller';
import { PolicyProfilesService } from './policy-profiles.service';

/** Global: every rule module reads the year's numbers from here. */
@Global()
@Module({ controllers: [PolicyProfilesController], providers: [PolicyProfilesService], exports: [PolicyProfilesService] })
export class PolicyProfilesModule {}
