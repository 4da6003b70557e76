// Text for the built-in Helvetica (WinAnsi), shared by the invoice and statement PDFs: Helvetica cannot
// draw what Intl emits in some locales (narrow no-break spaces), typographic hyphens or symbols.

/** Replaces characters Helvetica's WinAnsi encoding lacks. */
export function pdfText(value: string): string {
  return (
    value
      .replace(/[\u202F\u2009\u2007]/g, " ")
      .replace(/[\u2010\u2011\u2012\u2212]/g, "-")
      // eslint-disable-next-line no-control-regex -- the range is Latin-1 from its first code point on purpose
      .replace(/[^\u0000-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/g, "?")
  );
}
