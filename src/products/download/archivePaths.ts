// Decides whether an archive entry's name may become a file below the extraction folder. Archive
// contents are untrusted: names are checked as text here, before anything touches the disk, with
// the rules of every platform at once (a name that is harmless on Linux may escape on Windows).

/** Windows device names, refused in any case and with any extension (`nul.txt` opens the device). */
const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters and the characters Windows forbids in names (`:` also selects an NTFS stream).
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused in names
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f<>:"|?*]/;

const MAX_PATH_DEPTH = 32;
const MAX_PATH_LENGTH = 1024;

type EntryPathCheck = { readonly ok: true; readonly parts: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * The path segments of an entry name, or why it is refused. `./` and repeated slashes are
 * tolerated (tar writers produce them); `..`, absolute paths, drive letters, UNC names, backslash
 * traversal, forbidden characters and device names are not.
 */
export function checkEntryPath(name: string): EntryPathCheck {
  if (name.length === 0) return { ok: false, reason: 'empty name' };
  if (name.length > MAX_PATH_LENGTH) return { ok: false, reason: `name longer than ${MAX_PATH_LENGTH} characters` };
  if (name.startsWith('/') || name.startsWith('\\')) return { ok: false, reason: 'absolute path' };
  if (/^[A-Za-z]:/.test(name)) return { ok: false, reason: 'drive-letter path' };
  // Both separators: on Windows `a\..\..\x` climbs just as `a/../../x` does.
  const parts = name.split(/[/\\]+/).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) return { ok: false, reason: 'name without a file or folder' };
  if (parts.length > MAX_PATH_DEPTH) return { ok: false, reason: `more than ${MAX_PATH_DEPTH} folder levels` };
  for (const part of parts) {
    if (part === '..') return { ok: false, reason: 'path climbs out of the folder (..)' };
    if (FORBIDDEN_CHARACTERS.test(part)) return { ok: false, reason: `forbidden character in "${printable(part)}"` };
    if (RESERVED_WINDOWS_NAMES.test(part)) return { ok: false, reason: `reserved device name "${part}"` };
    if (/[. ]$/.test(part)) return { ok: false, reason: `name "${part}" ends in a dot or space (Windows would rename it)` };
  }
  return { ok: true, parts };
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes for display
  return text.replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
