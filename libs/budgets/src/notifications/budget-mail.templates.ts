type Lang = 'de' | 'en';

export interface MailContent {
  subject: string;
  text: string;
}

const signature = (lang: Lang, tenant: string) => (lang === 'de' ? `\n\n-- \n${tenant} · Bürgerhaushalt (mitreden)` : `\n\n-- \n${tenant} · participatory budget (mitreden)`);
const euros = (cents: number, lang: Lang) => `${(cents / 100).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;

export function supportConfirmMail(lang: Lang, tenant: string, title: string, url: string): MailContent {
  return lang === 'de'
    ? { subject: `Unterstützung bestätigen: ${title}`, text: `Guten Tag,\n\nSie möchten den Vorschlag „${title}“ im Bürgerhaushalt von ${tenant} unterstützen. Bitte bestätigen Sie mit einem Klick:\n\n${url}\n\nErst dann zählt Ihre Unterstützung. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail.${signature(lang, tenant)}` }
    : { subject: `Confirm your support: ${title}`, text: `Hello,\n\nyou want to support the proposal "${title}" in the participatory budget of ${tenant}. Please confirm with one click:\n\n${url}\n\nOnly then does your support count. If this was not you, ignore this e-mail.${signature(lang, tenant)}` };
}

export function voterVerifyMail(lang: Lang, tenant: string, cycle: string, url: string): MailContent {
  return lang === 'de'
    ? { subject: `Ihr Zugang zur Abstimmung: ${cycle}`, text: `Guten Tag,\n\nmit diesem persönlichen Link bestätigen Sie Ihre E-Mail-Adresse und stimmen im Bürgerhaushalt „${cycle}“ von ${tenant} ab:\n\n${url}\n\nGeben Sie den Link nicht weiter: Er ist Ihre Stimmberechtigung. Sie können in jedem Budget genau einmal abstimmen.${signature(lang, tenant)}` }
    : { subject: `Your access to the vote: ${cycle}`, text: `Hello,\n\nwith this personal link you confirm your e-mail address and vote in the participatory budget "${cycle}" of ${tenant}:\n\n${url}\n\nDo not share the link: it is your right to vote. You can vote exactly once in each budget.${signature(lang, tenant)}` };
}

export function reviewDecisionMail(
  lang: Lang,
  tenant: string,
  facts: { title: string; status: 'feasible' | 'not_feasible' | 'merged'; reason: string | null; officialCostCents: number | null; mergedIntoTitle: string | null; url: string },
): MailContent {
  const reason = facts.reason ? `\n\n${lang === 'de' ? 'Begründung' : 'Reason'}: ${facts.reason}` : '';
  if (lang === 'de') {
    const outcome =
      facts.status === 'feasible'
        ? `ist umsetzbar und kommt auf den Stimmzettel. Geschätzte Kosten der Verwaltung: ${euros(facts.officialCostCents ?? 0, lang)}.`
        : facts.status === 'merged'
          ? `wurde mit dem ähnlichen Vorschlag „${facts.mergedIntoTitle ?? ''}“ zusammengeführt.`
          : 'ist leider nicht umsetzbar und kommt nicht auf den Stimmzettel.';
    return { subject: `Ihr Vorschlag „${facts.title}“ wurde geprüft`, text: `Guten Tag,\n\nIhr Vorschlag „${facts.title}“ ${outcome}${reason}\n\n${facts.url}${signature(lang, tenant)}` };
  }
  const outcome =
    facts.status === 'feasible'
      ? `is feasible and goes on the ballot. The administration's cost estimate: ${euros(facts.officialCostCents ?? 0, lang)}.`
      : facts.status === 'merged'
        ? `was merged with the similar proposal "${facts.mergedIntoTitle ?? ''}".`
        : 'is unfortunately not feasible and does not go on the ballot.';
  return { subject: `Your proposal "${facts.title}" has been reviewed`, text: `Hello,\n\nyour proposal "${facts.title}" ${outcome}${reason}\n\n${facts.url}${signature(lang, tenant)}` };
}

export function followConfirmMail(lang: Lang, tenant: string, title: string, url: string): MailContent {
  return lang === 'de'
    ? { subject: `Umsetzung verfolgen: ${title}`, text: `Guten Tag,\n\nSie möchten über die Umsetzung von „${title}“ informiert werden. Bitte bestätigen Sie:\n\n${url}\n\nWenn Sie das nicht waren, ignorieren Sie diese E-Mail.${signature(lang, tenant)}` }
    : { subject: `Follow the implementation: ${title}`, text: `Hello,\n\nyou asked to be kept informed about the implementation of "${title}". Please confirm:\n\n${url}\n\nIf this was not you, ignore this e-mail.${signature(lang, tenant)}` };
}

const STATUS: Record<string, { de: string; en: string }> = {
  planned: { de: 'geplant', en: 'planned' },
  in_progress: { de: 'in Umsetzung', en: 'in progress' },
  completed: { de: 'fertig', en: 'completed' },
  cancelled: { de: 'abgebrochen', en: 'cancelled' },
};

export function implementationUpdateMail(lang: Lang, tenant: string, facts: { title: string; status: string; progress: number; note: string | null; url: string; unsubscribeUrl: string }): MailContent {
  const status = STATUS[facts.status]?.[lang] ?? facts.status;
  return lang === 'de'
    ? { subject: `${facts.title}: ${status}, ${facts.progress} %`, text: `Guten Tag,\n\nneuer Stand der Umsetzung von „${facts.title}“: ${status}, ${facts.progress} % erledigt.${facts.note ? `\n\n${facts.note}` : ''}\n\n${facts.url}\n\nKeine E-Mails mehr zu diesem Projekt: ${facts.unsubscribeUrl}${signature(lang, tenant)}` }
    : { subject: `${facts.title}: ${status}, ${facts.progress} %`, text: `Hello,\n\nnew status of the implementation of "${facts.title}": ${status}, ${facts.progress} % done.${facts.note ? `\n\n${facts.note}` : ''}\n\n${facts.url}\n\nNo more e-mails about this project: ${facts.unsubscribeUrl}${signature(lang, tenant)}` };
}
