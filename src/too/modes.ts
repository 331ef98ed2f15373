// Vocabularies of the Swift TOO API v2 (test/fixtures/protocol/swift-too-v2.md §3.5, §11.1, §11.2):
// XRT mode codes, UVOT mode text, observation types, urgencies, instruments, tiling counts.

/** XRT modes as the API numbers them (§3.5). `forToo` marks the modes a TOO request is meant to use. */
export const XRT_MODES = [
  { code: 0, name: 'Auto', forToo: true },
  { code: 1, name: 'Null', forToo: false },
  { code: 2, name: 'ShortIM', forToo: false },
  { code: 3, name: 'LongIM', forToo: false },
  { code: 4, name: 'PUPD', forToo: false },
  { code: 5, name: 'LRPD', forToo: false },
  { code: 6, name: 'WT', forToo: true },
  { code: 7, name: 'PC', forToo: true },
  { code: 8, name: 'Raw', forToo: false },
  { code: 9, name: 'Bias', forToo: false },
  { code: 150, name: 'PC_150', forToo: false },
  { code: 200, name: 'PC_200', forToo: false },
  { code: 255, name: 'Manual', forToo: false },
] as const;

type XrtModeCode = (typeof XRT_MODES)[number]['code'];
type XrtModeName = (typeof XRT_MODES)[number]['name'];

export const XRT_MODE_CODES = XRT_MODES.map((m) => m.code) as unknown as readonly [XrtModeCode, ...XrtModeCode[]];
export const XRT_MODE_NAMES = XRT_MODES.map((m) => m.name) as unknown as readonly [XrtModeName, ...XrtModeName[]];

/** PC: what the stock client sends when a TOO request names no XRT mode. */
export const DEFAULT_XRT_MODE: XrtModeCode = 7;

export function xrtModeName(code: number): XrtModeName | undefined {
  return XRT_MODES.find((m) => m.code === code)?.name;
}

/**
 * The numeric code of an XRT mode given as a code or a name. Names are matched without regard to
 * case because users write `wt` or `pc` as often as `WT`/`PC`; the server only ever sees the number.
 */
export function xrtModeCode(value: number | string): XrtModeCode | undefined {
  if (typeof value === 'number') return XRT_MODES.find((m) => m.code === value)?.code;
  const wanted = value.trim().toLowerCase();
  return XRT_MODES.find((m) => m.name.toLowerCase() === wanted)?.code;
}

/** UVOT "filter of the day" (0x9999 = 39321): the default mode, needing no justification. */
const UVOT_FILTER_OF_THE_DAY = 0x9999;
const UVOT_MODE_MAX = 0xffff;

const UVOT_HEX_TEXT = /^\s*0x([0-9a-f]{1,4})\s*$/i;

/** `0x%04X`, the form the TOO POST carries (e.g. 0x9999, 0x01AB). */
export function formatUvotModeHex(mode: number): string {
  if (!isUvotModeNumber(mode)) throw new RangeError(`UVOT mode ${mode} is not an integer from 0 to 0xFFFF`);
  return `0x${mode.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The number a `0x…` text stands for, or undefined when the text is not a 1–4 digit hex mode. */
export function parseUvotModeHex(text: string): number | undefined {
  const match = UVOT_HEX_TEXT.exec(text);
  return match ? parseInt(match[1], 16) : undefined;
}

function isUvotModeNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= UVOT_MODE_MAX;
}

/**
 * Whether a requested UVOT mode is the filter of the day. The stock client tests whether the sent
 * text *contains* `0x9999`, so free text mentioning it counts as well; we compare without case.
 */
export function isFilterOfTheDay(mode: number | string): boolean {
  if (typeof mode === 'number') return mode === UVOT_FILTER_OF_THE_DAY;
  return mode.toLowerCase().includes('0x9999');
}

/** What drives the exposure time (§11.2). The client model also allows `""`; we never send it. */
export const OBS_TYPES = ['Spectroscopy', 'Light Curve', 'Position', 'Timing'] as const;

/** The instrument that matters most for the request (§11.2). */
export const INSTRUMENTS = ['XRT', 'UVOT', 'BAT'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
export const DEFAULT_INSTRUMENT: Instrument = 'XRT';

/**
 * Urgency levels with the client's enum names (§11.2). The reference gives a time scale only for
 * 4 (swift_too 1.x: "weeks to months"); the others are described by their names alone rather than guessed.
 */
export const URGENCIES = [
  { value: 0, name: 'URGENT', meaning: 'most urgent level (URGENT)' },
  { value: 1, name: 'HIGHEST', meaning: 'highest priority (HIGHEST)' },
  { value: 2, name: 'HIGH', meaning: 'high priority (HIGH)' },
  { value: 3, name: 'MEDIUM', meaning: 'medium priority (MEDIUM), the default' },
  { value: 4, name: 'LOW', meaning: 'low priority (LOW): weeks to months' },
] as const;
export type Urgency = (typeof URGENCIES)[number]['value'];
export const URGENCY_VALUES = URGENCIES.map((u) => u.value) as unknown as readonly [Urgency, ...Urgency[]];
export const DEFAULT_URGENCY: Urgency = 3;

/** Tile counts the TOO form offers for tiled observations (§11.2), as the text values it sends. */
export const TILE_COUNTS = ['4', '7', '19', '37', 'Other'] as const;
