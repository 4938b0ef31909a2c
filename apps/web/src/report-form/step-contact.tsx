import { useTranslation } from 'react-i18next';
import type { Tenant } from '../api/types';
import type { Draft } from './draft';
import { describedBy, FieldError, RequiredMark } from './fields';
import { emailRequired, type Errors } from './validation';

interface Props {
  tenant: Tenant;
  draft: Draft;
  errors: Errors;
  update: (patch: Partial<Draft>, touched?: string[]) => void;
}

export function StepContact({ tenant, draft, errors, update }: Props) {
  const { t } = useTranslation();
  const required = emailRequired(tenant);
  return (
    <>
      <p>{required ? t('contact.introRequired') : t('contact.introOptional')}</p>
      <p className="hint">{t('contact.privacy')}</p>
      {tenant.settings.confirmationRequired && <p className="notice notice-info">{t('contact.confirmation')}</p>}
      <div className="field">
        <label htmlFor="f-contactEmail">
          {t('contact.email')} <RequiredMark required={required} />
        </label>
        <p className="hint" id="f-contactEmail-hint">
          {t('contact.emailHint')}
        </p>
        <FieldError id="f-contactEmail" message={errors.contactEmail} />
        <input
          id="f-contactEmail"
          type="email"
          inputMode="email"
          autoComplete="email"
          value={draft.contactEmail}
          onChange={(e) => update({ contactEmail: e.target.value }, ['contactEmail'])}
          {...describedBy('f-contactEmail', { hint: true, error: errors.contactEmail })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-contactName">
          {t('contact.name')} <RequiredMark required={false} />
        </label>
        <FieldError id="f-contactName" message={errors.contactName} />
        <input
          id="f-contactName"
          type="text"
          autoComplete="name"
          maxLength={200}
          value={draft.contactName}
          onChange={(e) => update({ contactName: e.target.value }, ['contactName'])}
          {...describedBy('f-contactName', { error: errors.contactName })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-contactPhone">
          {t('contact.phone')} <RequiredMark required={false} />
        </label>
        <FieldError id="f-contactPhone" message={errors.contactPhone} />
        <input
          id="f-contactPhone"
          type="tel"
          autoComplete="tel"
          maxLength={50}
          value={draft.contactPhone}
          onChange={(e) => update({ contactPhone: e.target.value }, ['contactPhone'])}
          {...describedBy('f-contactPhone', { error: errors.contactPhone })}
        />
      </div>
    </>
  );
}
