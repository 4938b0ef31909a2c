import { CategoryAttribute } from '@app/domain';

export interface Category {
  id: string;
  code: string;
  name: { de: string; en: string };
  description: { de: string; en: string };
  group: { de: string; en: string };
  keywords: string[];
  attributes: CategoryAttribute[];
  active: boolean;
  firstResponseHours: number | null;
}
