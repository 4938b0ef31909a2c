import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../common/document-title';
import { staffApi } from '../staff-api';
import { useStaff } from '../staff-data';
import { ActionMessages, Field, fieldError, useAction } from '../ui';

/** The own account: change the password, set up or switch off the second factor (TOTP). */
export default function AccountPage() {
  const { t } = useTranslation();
  const { slug, tenant, session } = useStaff();
  useDocumentTitle(t('staff.account.title'), tenant.name);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [disablePassword, setDisablePassword] = useState('');
  const password = useAction();
  const totp = useAction();
  const disable = useAction();
  return (
    <div className="page">
      <h1>{t('staff.account.title')}</h1>
      <p>{t('staff.signedInAs', { email: session.user.email, role: t(`staff.role.${session.user.role}`) })}</p>
      <section aria-labelledby="pw-h" className="panel">
        <h2 id="pw-h">{t('staff.account.password')}</h2>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void password
              .run(async () => {
                await staffApi.changePassword(slug, { currentPassword: current, newPassword: next });
                return true;
              }, t('staff.account.passwordChanged'))
              .then((ok) => {
                if (ok) {
                  setCurrent('');
                  setNext('');
                }
              });
          }}
        >
          <Field label={t('staff.account.current')} error={fieldError(password.fieldErrors, 'currentPassword')}>
            {(p) => <input {...p} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
          </Field>
          <Field label={t('staff.password.new')} hint={t('staff.password.rules')} error={fieldError(password.fieldErrors, 'newPassword')}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-primary" disabled={password.busy || !current || !next}>
            {t('staff.account.change')}
          </button>
          <ActionMessages error={password.error} done={password.done} />
        </form>
      </section>
      <section aria-labelledby="totp-h" className="panel">
        <h2 id="totp-h">{t('staff.account.totp')}</h2>
        <p className="hint">{t('staff.account.totpHint')}</p>
        {!setup ? (
          <button type="button" className="button" disabled={totp.busy} onClick={() => void totp.run(() => staffApi.totpSetup(slug)).then((s) => s && setSetup(s))}>
            {t('staff.account.totpStart')}
          </button>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void totp.run(() => staffApi.totpEnable(slug, code), t('staff.account.totpEnabled')).then(() => setCode(''));
            }}
          >
            <p>{t('staff.account.totpSecret')}</p>
            <p>
              <code className="api-key">{setup.secret}</code>
            </p>
            <p className="cell-sub">
              <code className="api-key">{setup.otpauthUri}</code>
            </p>
            <Field label={t('staff.signIn.code')} hint={t('staff.signIn.codeHint')} error={fieldError(totp.fieldErrors, 'code')}>
              {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />}
            </Field>
            <button type="submit" className="button button-primary" disabled={totp.busy || code.length !== 6}>
              {t('staff.account.totpEnable')}
            </button>
          </form>
        )}
        <ActionMessages error={totp.error} done={totp.done} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void disable
              .run(async () => {
                await staffApi.totpDisable(slug, disablePassword);
                return true;
              }, t('staff.account.totpDisabled'))
              .then((ok) => ok && setDisablePassword(''));
          }}
        >
          <h3>{t('staff.account.totpOff')}</h3>
          <Field label={t('staff.signIn.password')} error={fieldError(disable.fieldErrors, 'password')}>
            {(p) => <input {...p} type="password" autoComplete="current-password" value={disablePassword} onChange={(e) => setDisablePassword(e.target.value)} />}
          </Field>
          <button type="submit" className="button" disabled={disable.busy || !disablePassword}>
            {t('staff.account.totpDisable')}
          </button>
          <ActionMessages error={disable.error} done={disable.done} />
        </form>
      </section>
    </div>
  );
}
