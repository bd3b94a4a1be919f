/**
 * Finds a long secret in text character by character. One regular expression spelling every
 * encoding of each of thousands of characters in a row overflows the engine's stack when it
 * compiles (a 2 KB secret of punctuation did); this walks the same per-character patterns
 * instead, after a short head expression finds where a match may start.
 */

/** Enough characters for the head to find few candidate starts; short enough to compile. */
const HEAD = 32;

export class FormMatcher {
  private readonly head: RegExp;
  /** Per character of the form: each of its encodings, matched where the last one ended. */
  private readonly chars: RegExp[][];

  /** `chars`: per character, the regular expression source of each way it may be spelled. */
  constructor(chars: readonly (readonly string[])[]) {
    this.head = new RegExp(
      chars
        .slice(0, HEAD)
        .map((forms) => `(?:${forms.join('|')})`)
        .join(''),
      'g',
    );
    // A secret repeats characters: each one's expressions are compiled once, not per position.
    const compiled = new Map<string, RegExp[]>();
    this.chars = chars.map((forms) => {
      const key = forms.join('\n');
      const found = compiled.get(key) ?? forms.map((f) => new RegExp(f, 'y'));
      compiled.set(key, found);
      return found;
    });
  }

  /** Where the whole form ends when it starts at `start` (the furthest end), else -1. */
  private endFrom(text: string, start: number): number {
    let ends = [start];
    for (const forms of this.chars) {
      const next = new Set<number>();
      for (const at of ends) {
        for (const form of forms) {
          form.lastIndex = at;
          if (form.test(text)) next.add(form.lastIndex);
        }
      }
      if (next.size === 0) return -1;
      ends = [...next];
    }
    return Math.max(...ends);
  }

  /** Every match, leftmost first and not overlapping, each replaced by `mask`. */
  replace(text: string, mask: string): string {
    let out = '';
    let done = 0;
    this.head.lastIndex = 0;
    for (let m = this.head.exec(text); m; m = this.head.exec(text)) {
      const end = this.endFrom(text, m.index);
      if (end < 0) {
        this.head.lastIndex = m.index + 1;
        continue;
      }
      out += text.slice(done, m.index) + mask;
      done = end;
      this.head.lastIndex = end;
    }
    return out + text.slice(done);
  }
}
