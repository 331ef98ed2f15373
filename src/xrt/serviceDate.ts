// The times the XRT product generator writes (`DateSubmitted` in listOldJobs, test/fixtures/protocol/xrt-products.md §7),
// read once for the registry's imported jobs and the campaign's reconciliation.

/**
 * `YYYY-MM-DD HH:MM:SS` (UTC, as documented) → ISO 8601; an ISO time with `Z` or a `±HH:MM` offset is
 * read with its offset. Anything else: undefined (the caller falls back).
 */
export function parseServiceDate(text: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec((text ?? '').trim());
  if (!m) return undefined;
  const zone = m[3] === undefined ? 'Z' : m[3].toUpperCase() === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
