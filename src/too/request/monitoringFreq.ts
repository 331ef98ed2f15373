// The `monitoring_freq` cadence text of a TOO request (test/fixtures/protocol/swift-too-v2.md §11.3):
// a number, white space and a unit, e.g. `2 days`, `1 orbit`, `30 minutes`.
//
// The stock client only checks that the text *starts* with such a pair, so anything after the
// unit (e.g. `2 days, flexible`) is allowed and kept as `remark`. The server's own grammar is
// unknown; the client turns short cadences into `<x> hours` yet its own pattern rejects `hours`,
// so hours are refused in requests by default (a user can write minutes or fractional days) and
// only accepted when a caller asks for it (records coming back from the server).

const MONITORING_UNITS = ['second', 'minute', 'orbit', 'day', 'week', 'month'] as const;
type MonitoringUnit = (typeof MONITORING_UNITS)[number] | 'hour';

interface MonitoringFreq {
  quantity: number;
  unit: MonitoringUnit;
  /** Text after the unit, trimmed; empty when there is none. */
  remark: string;
}

type MonitoringFreqResult = { ok: true; value: MonitoringFreq } | { ok: false; message: string };

/**
 * The pattern JSON Schema uses for the same rule: a number, white space, a unit word with an
 * optional `s`, then the end or a non-letter. Kept beside the parser so that both agree.
 */
export const MONITORING_FREQ_PATTERN = `^\\s*(0*[1-9]\\d*(\\.\\d+)?|0+\\.\\d*[1-9]\\d*)\\s+(${MONITORING_UNITS.join('|')})s?($|[^A-Za-z])`;

const LEADING_PAIR = /^\s*(\d+(?:\.\d+)?)\s+([A-Za-z]+)(.*)$/s;
const EXAMPLES = '`2 days`, `1 orbit`, `30 minutes`, `3 weeks`';

export function parseMonitoringFreq(text: string, options: { allowHours?: boolean } = {}): MonitoringFreqResult {
  const match = LEADING_PAIR.exec(text);
  if (!match) {
    return {
      ok: false,
      message: `monitoring_freq "${text}" must start with a number, a space and a unit (e.g. ${EXAMPLES})`,
    };
  }
  const [, quantityText, unitWord, rest] = match;
  const unit = unitFromWord(unitWord);
  if (unit === 'hour' && !options.allowHours) {
    return {
      ok: false,
      message: `monitoring_freq "${text}": hours are not accepted by the TOO client; write minutes or days instead (e.g. "720 minutes" or "0.5 days")`,
    };
  }
  if (unit === undefined) {
    return {
      ok: false,
      message: `monitoring_freq "${text}": unknown unit "${unitWord}"; use one of ${MONITORING_UNITS.join(', ')} (lower case, singular or plural)`,
    };
  }
  const quantity = Number(quantityText);
  if (quantity <= 0) {
    return { ok: false, message: `monitoring_freq "${text}": the cadence must be greater than zero` };
  }
  return { ok: true, value: { quantity, unit, remark: rest.replace(/^[\s,;:-]+/, '').trim() } };
}

// Case-sensitive like the client's pattern: `2 Days` would be refused there too.
function unitFromWord(word: string): MonitoringUnit | undefined {
  const singular = word.replace(/s$/, '');
  if (singular === 'hour') return 'hour';
  return MONITORING_UNITS.find((u) => u === singular);
}
