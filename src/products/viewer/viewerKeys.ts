// Keys of product viewer panels: one viewer per job, per folder or per file opened on its own. A key is
// kept in the panel's state, so a reloaded window knows what to rebuild.
import * as path from 'node:path';

const JOB_KEY = 'xrt-job:';
const FOLDER_KEY = 'folder:';
const FILE_KEY = 'file:';

export function jobKey(jobId: string): string {
  return `${JOB_KEY}${jobId}`;
}

export function folderKey(folder: string): string {
  return `${FOLDER_KEY}${path.resolve(folder)}`;
}

export function fileKey(file: string): string {
  return `${FILE_KEY}${path.resolve(file)}`;
}

type ViewerSubject = { readonly kind: 'job'; readonly jobId: string } | { readonly kind: 'folder' | 'file'; readonly path: string };

/** What a panel key names, or undefined for a key of no known kind. */
export function subjectOfKey(key: string): ViewerSubject | undefined {
  if (key.startsWith(JOB_KEY)) return { kind: 'job', jobId: key.slice(JOB_KEY.length) };
  if (key.startsWith(FOLDER_KEY)) return { kind: 'folder', path: key.slice(FOLDER_KEY.length) };
  if (key.startsWith(FILE_KEY)) return { kind: 'file', path: key.slice(FILE_KEY.length) };
  return undefined;
}
