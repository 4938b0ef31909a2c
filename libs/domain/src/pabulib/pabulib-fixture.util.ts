import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/** Real elections shared with the team (read-only); tests read them from here. */
export const PABULIB_DIR = process.env.PABULIB_DIR ?? '/work/shared/pabulib';

export function pabulibFiles(): string[] {
  return readdirSync(PABULIB_DIR).filter((f) => f.endsWith('.pb')).sort();
}

export function readPabulibText(name: string): string {
  return readFileSync(join(PABULIB_DIR, name.endsWith('.pb') ? name : `${name}.pb`), 'utf8');
}
