/**
 * A contact as people read it, everywhere Handoff names one (a task's subject, a Lead's name, the
 * health view, the deal origin card, the local portal): first and last name, else the email, else
 * "Contact <id>". Never an id alone when a name or email exists.
 */
export function contactName(properties: Readonly<Record<string, string | number | boolean | null | undefined>>, contactId: string): string {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
  const name = [text(properties.firstname), text(properties.lastname)].filter(Boolean).join(' ');
  return name || text(properties.email) || `Contact ${contactId}`;
}
