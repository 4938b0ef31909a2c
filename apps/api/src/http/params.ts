import { z } from 'zod';

export const tenantSlugParam = z.string().regex(/^[a-z0-9-]{1,63}$/);
export const uuidParam = z.string().uuid();
