export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface SmsMessage {
  /** E.164 */
  to: string;
  text: string;
}

/** How the service reaches parents. Implementations throw when a message could not be handed over. */
export interface Notifier {
  email(message: EmailMessage): Promise<void>;
  sms(message: SmsMessage): Promise<void>;
}

/** Email through one transport, SMS through another. */
export const combineNotifier = (email: Pick<Notifier, 'email'>, sms: Pick<Notifier, 'sms'>): Notifier => ({
  email: (m) => email.email(m),
  sms: (m) => sms.sms(m),
});
