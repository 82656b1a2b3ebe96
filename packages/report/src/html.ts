/** Markup that is already safe: only `html` and `raw` make one, so every other string gets escaped. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG content and for quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** Trusted markup, e.g. a constant stylesheet; never pass data through it. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * A template whose interpolations are escaped unless they are Html: benchmark names, commits and
 * reasons come from files and may hold anything. Arrays are joined; undefined, null and false vanish.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += fragment(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function fragment(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  return escapeHtml(String(value));
}

/** A coordinate for SVG: two decimals at most, no exponent. */
export function px(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}
