import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'title' })
  field: string;

  @ApiProperty({ example: 'title must be shorter than or equal to 500 characters' })
  message: string;
}

export class ErrorResponseDto {
  @ApiProperty({ example: 'Page not found.' })
  detail: string;

  @ApiProperty({ example: 'PAGE_NOT_FOUND', description: 'A stable machine-readable code from the error catalogue.' })
  error_code: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on VALIDATION_FAILED.' })
  errors?: FieldErrorDto[];
}
