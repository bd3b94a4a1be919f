/**
 * The shortest piece of a secret that is masked wherever it stands. A service may echo part of
 * a secret (its first half, its last characters), and a quote cut at a fixed length may cut one:
 * any run of RUN characters of a secret is masked. Below RUN, a piece tells too little to matter
 * (services themselves show a token's last four characters) and would too often be ordinary
 * text; at RUN, a random token keeps all but RUN of its characters hidden.
 */
export const RUN = 8;

type Span = [number, number];

/**
 * Where runs of at least RUN characters of the pieces' source stand in `text`, merged: each
 * window of RUN characters is looked up in `pieces`, so one pass serves every secret.
 */
export function runsOf(text: string, pieces: ReadonlySet<string>): Span[] {
  if (pieces.size === 0) return [];
  const spans: Span[] = [];
  for (let at = 0; at + RUN <= text.length; at += 1) {
    if (!pieces.has(text.slice(at, at + RUN))) continue;
    const last = spans[spans.length - 1];
    if (last && last[1] >= at) last[1] = at + RUN;
    else spans.push([at, at + RUN]);
  }
  return spans;
}
