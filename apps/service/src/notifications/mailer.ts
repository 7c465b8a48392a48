import { Logger } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic Message-ID: a resend after a crash can be recognised as the same mail. */
  messageId: string;
}

/** The SMTP server answered for good (5xx, a refused address): retrying cannot help. */
export class PermanentMailError extends Error {
  override readonly name = 'PermanentMailError';
}

/**
 * nodemailer behind one small class. With SMTP_URL it sends through that server; without, every
 * message is written as an .eml file under DATA_DIR/mail and its path logged, so the default run
 * shows what would be sent.
 */
export class Mailer {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter;

  constructor(private readonly options: { smtpUrl?: string; from: string; mailDir: string }) {
    this.transport = options.smtpUrl
      ? createTransport(options.smtpUrl)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get description(): string {
    if (!this.options.smtpUrl) return `.eml files in ${this.options.mailDir}`;
    const url = new URL(this.options.smtpUrl);
    return `${url.protocol}//${url.host}`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      const info = await this.transport.sendMail({ from: this.options.from, ...mail });
      if (!this.options.smtpUrl) {
        mkdirSync(this.options.mailDir, { recursive: true });
        const path = join(this.options.mailDir, `${mail.messageId.replace(/[^A-Za-z0-9.-]/g, '_')}.eml`);
        writeFileSync(path, (info as unknown as { message: Buffer }).message);
        this.logger.log(`mail to ${mail.to} written to ${path}`);
      }
    } catch (error) {
      const { responseCode, code, message } = error as {
        responseCode?: number;
        code?: string;
        message: string;
      };
      // 5xx is a permanent refusal (RFC 5321 §4.2.1); connection and 4xx errors are retried.
      if (responseCode !== undefined && responseCode >= 500)
        throw new PermanentMailError(`${responseCode} ${message}`, { cause: error });
      throw new Error(`${code ?? 'ERROR'}: ${message}`, { cause: error });
    }
  }

  close(): void {
    this.transport.close();
  }
}
