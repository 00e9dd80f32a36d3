import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { BIDI_CONTROL_CHARS } from '../../../common/http/hostile-input';
import { IsBase64, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

/** A stored file's metadata; the bytes come from `GET /files/{id}/content`. */
export class StoredFileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  organizationId: string;
  @ApiProperty({ example: '区中心医院改扩建工程事前绩效评估报告.pdf' })
  filename: string;
  @ApiProperty({ example: 'application/pdf' })
  contentType: string;
  @ApiProperty({ example: 10240 })
  size: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** Base64 of a minimal PDF, the documented example of an upload. */
export const EXAMPLE_PDF_BASE64 = 'JVBERi0xLjQKJSVFT0YK';
/**
 * File names: printable, no path separators or reserved characters, no bidirectional controls
 * (U+202E and friends, which disguise the extension), with an extension.
 */
export const FILENAME_PATTERN = new RegExp(`^[^\\\\/:*?"<>|\\p{Cc}${BIDI_CONTROL_CHARS}]{1,200}\\.[A-Za-z0-9]{1,5}$`, 'u');

/**
 * The file part of a JSON upload (for system clients): the name and the bytes as base64. The
 * browser uploads `multipart/form-data` with one `file` part instead; both are limited by size.
 */
export class FileContentDto {
  @ApiProperty({ example: '评估报告.pdf', maxLength: 205, pattern: FILENAME_PATTERN.source, description: '文件名 / file name' })
  @IsString()
  @MaxLength(205)
  @Matches(FILENAME_PATTERN)
  filename: string;

  @ApiProperty({
    example: EXAMPLE_PDF_BASE64,
    maxLength: 1_000_000,
    pattern: '^[A-Za-z0-9+/]*={0,2}$',
    description: 'Base64 文件内容（JSON 上传，大文件请用 multipart/form-data 的 file 字段）/ base64 content (JSON upload; large files as multipart/form-data part `file`)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000_000)
  @IsBase64()
  contentBase64: string;
}

/** The form fields of `POST /files`. */
export class UploadFileFieldsDto {
  @ApiProperty({ format: 'uuid', description: '文件所属机构 / owning organization' })
  @IsUUID()
  organizationId: string;
}

export class UploadFileDto extends FileContentDto {
  @ApiProperty({ format: 'uuid', description: '文件所属机构 / owning organization' })
  @IsUUID()
  organizationId: string;
}

/** Helper for numeric form fields, which arrive as text in multipart. */
export class VersionFieldDto {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

/** `?alt=media` answers the file's bytes instead of its metadata (as Google Drive's API does). */
export class FileAltQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'media'], description: 'media：下载文件内容 / media: download the content' })
  @IsOptional()
  @IsIn(['json', 'media'])
  alt?: 'json' | 'media';
}
