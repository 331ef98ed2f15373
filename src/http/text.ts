// Turning untrusted text from the services (HTML error pages, `StepExtra` with markup) into
// short plain text that is safe to show anywhere.

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Removes tags and decodes the common entities; the result is plain text, never markup. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(parseInt(name.slice(2), 16)) ?? whole;
      if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10)) ?? whole;
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The `<title>` of an HTML page, else its first heading, else its first words (a blank title or heading is skipped). */
export function summariseHtmlPage(html: string, maxLength = 160): string {
  const title = htmlToText(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '');
  const heading = htmlToText(/<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '');
  return truncate(title || heading || htmlToText(html), maxLength);
}

export function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/**
 * Whether a body that did not parse as JSON is a markup page (an error page of a web server or proxy).
 * Decided from the body alone: the XRT product generator labels its JSON replies `text/html`
 * (xrt_prods reads every HTTP 200 body with `json.loads`), so the content type proves nothing.
 */
export function looksLikeMarkup(body: string): boolean {
  return /^\s*(<!doctype\s+html|<html|<head|<body|<\?xml|<title|<h1|<p>|<br\s*\/?>|<b>|<div|<pre)/i.test(body);
}
