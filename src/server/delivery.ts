/**
 * Delivering credentials: by email through SMTP (nodemailer; SMTP_URL and MAIL_FROM from the environment)
 * or, without SMTP, into a local outbox folder as .eml files; and by post as printable PDF ballot papers,
 * one batch file per issue, written to the same outbox for the print room. Nodemailer, pdfkit and qrcode
 * load on first use.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface PaperInput {
  readonly voterId: string;
  readonly name: string;
  readonly postalAddress: string;
  readonly credential: string;
  /** Where the QR code points: the booth with the credential filled in. */
  readonly voteUrl: string;
}

export interface Delivery {
  email(message: Email): Promise<void>;
  /** Writes a PDF of ballot papers and returns its file name in the outbox. */
  postalBatch(title: string, contests: readonly { title: string; ballot: readonly string[] }[], papers: readonly PaperInput[]): Promise<string>;
  /** A batch written earlier, by the name postalBatch returned, for the console to download; absent where batches are not kept. */
  postalBatchPdf?(name: string): Promise<Buffer | undefined>;
}

/** The names postalBatch gives: nothing else in the outbox can be asked for. */
export const POSTAL_BATCH_NAME = /^ballot-papers-\d+-\d+\.pdf$/;

export interface DeliveryConfig {
  readonly outbox: string;
  readonly smtpUrl?: string;
  readonly from: string;
}

export function deliveryFromEnv(env: NodeJS.ProcessEnv, outbox: string): DeliveryConfig {
  return { outbox, from: env.MAIL_FROM ?? 'returning-officer@localhost', ...(env.SMTP_URL === undefined ? {} : { smtpUrl: env.SMTP_URL }) };
}

export function createDelivery(config: DeliveryConfig): Delivery {
  let batch = 0;
  return {
    async email(message) {
      const { createTransport } = await import('nodemailer');
      const mail = { from: config.from, to: message.to, subject: message.subject, text: message.text };
      if (config.smtpUrl !== undefined) {
        await createTransport(config.smtpUrl).sendMail(mail);
        return;
      }
      const sent = await createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(mail);
      await mkdir(config.outbox, { recursive: true });
      await writeFile(join(config.outbox, `${sent.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`), sent.message as Buffer);
    },
    async postalBatch(title, contests, papers) {
      const { ballotPapersPdf } = await import('./ballot-papers.ts');
      const pdf = await ballotPapersPdf(title, contests, papers);
      await mkdir(config.outbox, { recursive: true });
      batch += 1;
      const name = `ballot-papers-${Date.now()}-${batch}.pdf`;
      await writeFile(join(config.outbox, name), pdf);
      return name;
    },
    async postalBatchPdf(name) {
      if (!POSTAL_BATCH_NAME.test(name)) return undefined;
      return readFile(join(config.outbox, name)).catch(() => undefined);
    },
  };
}
