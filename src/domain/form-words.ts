/**
 * The words every form uses around its field errors, shared by the resolvers (the envelope's
 * message) and the page (its notice), so the notice can tell the generic line from a real one.
 */
export const FIX_FIELDS = 'Some fields need fixing.';

/** The notice's title: how many fields to fix, each of which says what is wrong next to it. */
export function fixFieldsTitle(count: number): string {
  return count === 1 ? 'One field needs fixing' : `${count} fields need fixing`;
}

/** "cloudId" → "Cloud ID", "config.ownerAccountId" → "Owner account ID": a field key in words. */
export function fieldWords(key: string): string {
  const words = key
    .replace(/^config\./, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\b(id|url|jwt|api)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}
