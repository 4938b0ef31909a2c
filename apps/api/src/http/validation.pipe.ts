import { Injectable, StandardSchemaValidationPipe } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { FieldValidationException, LANGUAGE_KEY, Language, translateIssue } from '@app/core';


/**
 * Nest's Standard Schema pipe with our error shape: one entry per field, in
 * the request's language.
 */
@Injectable()
export class FieldValidationPipe extends StandardSchemaValidationPipe {
  constructor(private readonly cls: ClsService) {
    super({
      exceptionFactory: (issues) => {
        const language = (this.cls.isActive() && this.cls.get<Language>(LANGUAGE_KEY)) || 'de';
        return new FieldValidationException(issues.map((issue) => translateIssue(issue as never, language)), language);
      },
    });
  }
}
