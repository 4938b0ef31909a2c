export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per logical message, so a receiving system can spot a duplicate. */
  messageId: string;
  headers?: Record<string, string>;
}

/** Sends e-mail; the SMTP implementation is the only one that talks to a server. */
export abstract class Mailer {
  abstract send(mail: OutgoingMail): Promise<void>;
}
