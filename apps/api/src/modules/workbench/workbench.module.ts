import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchService } from './workbench.service';

/** Each role's landing page: the items the domain modules register with @AsWorkbenchProvider. */
@Module({ imports: [DiscoveryModule], controllers: [WorkbenchController], providers: [WorkbenchService] })
export class WorkbenchModule {}
