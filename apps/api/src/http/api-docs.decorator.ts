import { SetMetadata } from '@nestjs/common';
import { z } from 'zod';

export const API_DOC = Symbol('API_DOC');

export interface ApiDoc {
  summary: string;
  tags?: string[];
  /** Response body schemas by status code, for the OpenAPI description. */
  responses?: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Multipart bodies are validated in the service; describe them here. */
  multipart?: z.ZodType;
}

/** Describes a route for OpenAPI; request schemas come from the validating decorators. */
export const ApiDocs = (doc: ApiDoc): MethodDecorator => SetMetadata(API_DOC, doc);
