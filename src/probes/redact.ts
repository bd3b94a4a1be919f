const REDACTED = '[redacted]';
const SENSITIVE_KEY =
  /token|secret|password|passwd|authorization|cookie|api[-_]?key|^code$|assertion/i;
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const JSON_SENSITIVE_VALUE = /("([\w-]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * Removes secrets from text we keep as evidence: every known secret verbatim, any JWT, and the
 * value of any JSON field whose name says it holds a credential (a token endpoint's answer).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: readonly string[] = []) {
    secrets.forEach((s) => this.add(s));
  }

  /** Too-short strings would shred ordinary text; nothing that short is a real credential. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  text(input: string): string {
    let out = input;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    out = out.replace(JWT, REDACTED);
    return out.replace(JSON_SENSITIVE_VALUE, (whole, prefix: string, key: string) =>
      SENSITIVE_KEY.test(key) ? `${prefix}"${REDACTED}"` : whole,
    );
  }

  url(input: string): string {
    try {
      const url = new URL(input);
      for (const key of [...url.searchParams.keys()]) {
        if (SENSITIVE_KEY.test(key) || /^(key|sig|signature|auth)$/i.test(key)) {
          url.searchParams.set(key, 'x');
        }
      }
      return this.text(url.toString().replace(/=x(?=&|$)/g, `=${REDACTED}`));
    } catch {
      return this.text(input);
    }
  }
}
