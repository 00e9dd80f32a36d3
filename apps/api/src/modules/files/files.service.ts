import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { readOne } from '../../common/scope/read-one';
import { CommonErrors } from '../../common/errors/common.errors';
import { DataScope } from '../../common/scope/data-scope.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { StoredFileEntity } from './entities/stored-file.entity';
import { StoredFileDto, UploadFileDto, UploadFileFieldsDto } from './dto/file.dto';
import { readUpload, Upload } from './upload-reader';

/** A file read with its bytes (`data` selected) as a download answers it. */
export function fileContentOf(f: StoredFileEntity): FileContent {
  return { file: toStoredFileDto(f), data: f.data };
}

export function toStoredFileDto(f: StoredFileEntity): StoredFileDto {
  return {
    id: f.id,
    organizationId: f.organizationId,
    filename: f.filename,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    createdAt: f.createdAt.toISOString(),
  };
}

export interface FileContent {
  file: StoredFileDto;
  data: Buffer;
}

/** Uploaded files kept in PostgreSQL, owned by an organization and read under its data scope. */
@Injectable()
export class FilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reads one upload from the request (multipart or JSON), with the configured size limit. */
  read<F extends object, J extends F & { filename: string; contentBase64: string }>(
    request: FastifyRequest,
    fieldsType: new () => F,
    jsonType: new () => J,
  ): Promise<Upload<F>> {
    return readUpload(request, fieldsType, jsonType, this.config.uploadLimitBytes);
  }

  async upload(caller: Principal, request: FastifyRequest): Promise<StoredFileDto> {
    const upload = await this.read(request, UploadFileFieldsDto, UploadFileDto);
    const organizationId = upload.fields.organizationId;
    return this.dataSource.transaction(async (manager) => {
      await this.scope.assertWritable(caller, organizationId, manager);
      if (!(await manager.exists(OrganizationEntity, { where: { id: organizationId } }))) {
        throw CommonErrors.REFERENCE_INVALID({ detail: 'organizationId' });
      }
      const dto = await this.store(manager, caller, organizationId, upload);
      await this.audit.record(manager, { action: 'file.upload', entityType: 'stored_file', entityId: dto.id, after: dto });
      return dto;
    });
  }

  /** Saves an upload for an organization inside the caller's transaction (no audit: the caller records the use case). */
  async store(manager: EntityManager, caller: Principal, organizationId: string, upload: Upload<unknown>): Promise<StoredFileDto> {
    const saved = await manager.save(
      manager.create(StoredFileEntity, {
        organizationId,
        filename: upload.filename,
        contentType: upload.contentType,
        size: upload.data.length,
        sha256: createHash('sha256').update(upload.data).digest('hex'),
        data: upload.data,
        uploadedById: caller.kind === 'user' ? caller.id : null,
      }),
    );
    return toStoredFileDto(await this.find(manager, saved.id));
  }

  /** The file's metadata in one statement (readOne, common/scope/read-one.ts: with the caller's credential and the route's owner check). */
  async get(caller: Principal, id: string): Promise<StoredFileDto> {
    const read = await readOne(this.dataSource.manager.createQueryBuilder(StoredFileEntity, 'f').where('f.id = :id', { id }));
    if (!read) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, read.entity.organizationId);
    return toStoredFileDto(read.entity);
  }

  /** The file with its bytes, in one statement as its metadata is read. */
  async content(caller: Principal, id: string): Promise<FileContent> {
    const read = await readOne(
      this.dataSource.manager.createQueryBuilder(StoredFileEntity, 'f').addSelect('f.data').where('f.id = :id', { id }),
    );
    if (!read) throw CommonErrors.NOT_FOUND();
    await this.scope.assertVisible(caller, read.entity.organizationId);
    return fileContentOf(read.entity);
  }

  /** The bytes of a file whose access the caller has already established (e.g. through a pre-assessment). */
  async contentOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<FileContent> {
    const row = await manager.createQueryBuilder(StoredFileEntity, 'f').addSelect('f.data').where('f.id = :id', { id }).getOne();
    if (!row) throw CommonErrors.NOT_FOUND();
    return fileContentOf(row);
  }

  async find(manager: EntityManager, id: string): Promise<StoredFileEntity> {
    const file = await manager.findOne(StoredFileEntity, { where: { id } });
    if (!file) throw CommonErrors.NOT_FOUND();
    return file;
  }
}
