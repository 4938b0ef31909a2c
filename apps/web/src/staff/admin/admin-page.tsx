import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../common/document-title';
import { Link, paths } from '../../router';
import type { Permission } from '../staff-api';
import { useStaff } from '../staff-data';
import { ApiKeysSection, RetentionSection, SsoSection, TemplatesSection } from './settings-sections';
import { AreasSection, CategoriesSection, DepartmentsSection, RulesSection } from './catalog-sections';
import { UsersSection } from './users-section';

const SECTIONS: { key: string; permission: Permission; Component: () => React.JSX.Element }[] = [
  { key: 'kategorien', permission: 'admin.catalog', Component: CategoriesSection },
  { key: 'abteilungen', permission: 'admin.catalog', Component: DepartmentsSection },
  { key: 'zustaendigkeiten', permission: 'admin.catalog', Component: RulesSection },
  { key: 'gebiete', permission: 'admin.catalog', Component: AreasSection },
  { key: 'benutzer', permission: 'admin.users', Component: UsersSection },
  { key: 'vorlagen', permission: 'admin.settings', Component: TemplatesSection },
  { key: 'aufbewahrung', permission: 'admin.settings', Component: RetentionSection },
  { key: 'api-schluessel', permission: 'admin.settings', Component: ApiKeysSection },
  { key: 'sso', permission: 'admin.settings', Component: SsoSection },
];

/** Administration: one section per URL (/verwaltung/einstellungen/{section}), listed in a sub-navigation. */
export default function AdminPage({ section }: { section?: string }) {
  const { t } = useTranslation();
  const { slug, tenant, can } = useStaff();
  const available = SECTIONS.filter((s) => can(s.permission));
  const current = available.find((s) => s.key === section) ?? (section ? undefined : available[0]);
  const title = current ? t(`staff.admin.section.${current.key}`) : t('error.pageNotFound');
  useDocumentTitle(title, t('staff.admin.title'), tenant.name);
  return (
    <div className="page page-wide admin-page">
      <p className="eyebrow">{t('staff.admin.title')}</p>
      <h1>{title}</h1>
      <nav aria-label={t('staff.admin.sections')}>
        <ul className="admin-nav">
          {available.map((s) => (
            <li key={s.key}>
              <Link to={paths.staff(slug, 'einstellungen', s.key)} aria-current={s === current ? 'page' : undefined}>
                {t(`staff.admin.section.${s.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current && <current.Component key={current.key} />}
    </div>
  );
}
