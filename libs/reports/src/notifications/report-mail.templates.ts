import { STATUS_LABELS, ReportStatus } from '@app/domain';

type Lang = 'de' | 'en';

export interface MailContent {
  subject: string;
  text: string;
}

export interface ReportMailFacts {
  tenantName: string;
  number: string;
  categoryName: { de: string; en: string };
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  trackingUrl: string;
}

const signature = (lang: Lang, tenant: string) => (lang === 'de' ? `\n\n-- \n${tenant} · Mängelmelder (mitreden)` : `\n\n-- \n${tenant} · defect reporter (mitreden)`);

export function confirmMail(lang: Lang, facts: ReportMailFacts, confirmUrl: string): MailContent {
  return lang === 'de'
    ? {
        subject: `Bitte bestätigen Sie Ihre Meldung Nr. ${facts.number}`,
        text: `Guten Tag,\n\nSie haben bei ${facts.tenantName} einen Mangel gemeldet („${facts.categoryName.de}“). Bitte bestätigen Sie die Meldung mit einem Klick:\n\n${confirmUrl}\n\nErst nach der Bestätigung wird die Meldung veröffentlicht und an die zuständige Stelle weitergegeben. Wenn Sie nichts gemeldet haben, ignorieren Sie diese E-Mail einfach.${signature(lang, facts.tenantName)}`,
      }
    : {
        subject: `Please confirm your report no. ${facts.number}`,
        text: `Hello,\n\nYou reported a problem to ${facts.tenantName} ("${facts.categoryName.en}"). Please confirm it with one click:\n\n${confirmUrl}\n\nOnly then will the report be published and passed on to the department in charge. If you did not report anything, simply ignore this e-mail.${signature(lang, facts.tenantName)}`,
      };
}

export function receiptMail(lang: Lang, facts: ReportMailFacts, contactUrl?: string): MailContent {
  // DSGVO self-service: the reporter sees, exports or erases the contact data stored with the report.
  const contact = contactUrl
    ? lang === 'de'
      ? `\n\nIhre gespeicherten Kontaktdaten ansehen, herunterladen oder löschen:\n${contactUrl}`
      : `\n\nSee, download or erase the contact data stored with your report:\n${contactUrl}`
    : '';
  return lang === 'de'
    ? {
        subject: `Ihre Meldung Nr. ${facts.number} ist eingegangen`,
        text: `Guten Tag,\n\nvielen Dank! Ihre Meldung „${facts.categoryName.de}“ an ${facts.tenantName} ist eingegangen. Den Bearbeitungsstand sehen Sie hier:\n\n${facts.trackingUrl}\n\nÜber Änderungen informieren wir Sie per E-Mail.${contact}${signature(lang, facts.tenantName)}`,
      }
    : {
        subject: `Your report no. ${facts.number} has been received`,
        text: `Hello,\n\nthank you! Your report "${facts.categoryName.en}" to ${facts.tenantName} has been received. Follow its progress here:\n\n${facts.trackingUrl}\n\nWe will e-mail you when its status changes.${contact}${signature(lang, facts.tenantName)}`,
      };
}

/** To the department: the facts of the defect, never the reporter's contact data. */
export function departmentMail(facts: ReportMailFacts & { departmentName: string; reason: string | null; staffUrl: string }): MailContent {
  return {
    subject: `Neue Meldung Nr. ${facts.number}: ${facts.categoryName.de}`,
    text: `Neue Meldung für ${facts.departmentName}\n\nKategorie: ${facts.categoryName.de}\nOrt: ${facts.address ?? '(ohne Adresse)'} (${facts.lat.toFixed(5)}, ${facts.lon.toFixed(5)})\nZuständigkeit: ${facts.reason ?? '-'}\n\nBeschreibung:\n${facts.description}\n\nBearbeiten: ${facts.staffUrl}${signature('de', facts.tenantName)}`,
  };
}

export function statusMail(lang: Lang, facts: ReportMailFacts, status: ReportStatus, note: string | null, unsubscribeUrl: string | null): MailContent {
  const label = STATUS_LABELS[status][lang];
  const unsubscribe = unsubscribeUrl ? (lang === 'de' ? `\n\nKeine E-Mails mehr zu dieser Meldung: ${unsubscribeUrl}` : `\n\nNo more e-mails about this report: ${unsubscribeUrl}`) : '';
  return lang === 'de'
    ? {
        subject: `Meldung Nr. ${facts.number}: ${label}`,
        text: `Guten Tag,\n\nneuer Stand zur Meldung „${facts.categoryName.de}“ bei ${facts.tenantName}: ${label}.${note ? `\n\n${note}` : ''}\n\n${facts.trackingUrl}${unsubscribe}${signature(lang, facts.tenantName)}`,
      }
    : {
        subject: `Report no. ${facts.number}: ${label}`,
        text: `Hello,\n\nnew status of the report "${facts.categoryName.en}" to ${facts.tenantName}: ${label}.${note ? `\n\n${note}` : ''}\n\n${facts.trackingUrl}${unsubscribe}${signature(lang, facts.tenantName)}`,
      };
}

export function followConfirmMail(lang: Lang, facts: ReportMailFacts, confirmUrl: string): MailContent {
  return lang === 'de'
    ? {
        subject: `Meldung Nr. ${facts.number} folgen: bitte bestätigen`,
        text: `Guten Tag,\n\nSie möchten über die Meldung „${facts.categoryName.de}“ bei ${facts.tenantName} informiert werden. Bitte bestätigen Sie:\n\n${confirmUrl}\n\nWenn Sie das nicht waren, ignorieren Sie diese E-Mail.${signature(lang, facts.tenantName)}`,
      }
    : {
        subject: `Follow report no. ${facts.number}: please confirm`,
        text: `Hello,\n\nyou asked to be kept informed about the report "${facts.categoryName.en}" to ${facts.tenantName}. Please confirm:\n\n${confirmUrl}\n\nIf this was not you, ignore this e-mail.${signature(lang, facts.tenantName)}`,
      };
}
