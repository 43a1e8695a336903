/**
 * The words of the emails patients receive. No clinical content (issue 12, part 6): no questionnaire's name, no
 * clinician, no diagnosis, nothing a person reading over the patient's shoulder, or their email provider, would learn
 * a health matter from; only that their clinic sent a link, and until when it works.
 */
export function measureLinkEmail(link: string, expiresAt: string) {
  const until = new Date(expiresAt).toUTCString().replace(/:\d\d GMT$/, ' GMT');
  return {
    subject: 'A short form from your clinic',
    text: [
      'Hello,',
      '',
      'Your clinic has asked you to fill in a short form before your next appointment.',
      '',
      `Open this link to fill it in: ${link}`,
      '',
      `The link works once, and until ${until}. If it has stopped working, ask your clinic for a new one.`,
      '',
      'Please do not reply to this email.',
    ].join('\n'),
  };
}
