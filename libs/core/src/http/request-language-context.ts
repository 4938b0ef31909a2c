import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Language } from './field-errors';

export const LANGUAGE_KEY = 'language';

/** The UI language of the current request (de unless the client prefers en). */
@Injectable()
export class RequestLanguage {
  constructor(private readonly cls: ClsService) {}

  get current(): Language {
    return (this.cls.isActive() && this.cls.get<Language>(LANGUAGE_KEY)) || 'de';
  }

  set(language: Language): void {
    if (this.cls.isActive()) this.cls.set(LANGUAGE_KEY, language);
  }
}
