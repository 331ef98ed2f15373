// What a fresh machine must have before `npm start` (web workbench) or `npm test` can run, checked
// before anything slow starts, so that a newcomer meets one line naming the command that installs it
// instead of a compiler error deep inside code-server's install. Package names are Debian's (the
// machines this project is developed and tested on); the checks themselves look for files and
// programs, so they hold on any Linux.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Prerequisite {
  /** What it is for, in a few words. */
  readonly purpose: string;
  /** The Debian package that provides it. */
  readonly debianPackage: string;
  /** Files any one of which shows it is there (absolute paths), or programs looked up on PATH. */
  readonly files?: readonly string[];
  readonly programs?: readonly string[];
}

/** Headers and tools code-server's native modules are built with when the runner installs it. */
export const CODE_SERVER_BUILD: readonly Prerequisite[] = [
  { purpose: 'C++ compiler and make for native modules', debianPackage: 'build-essential', programs: ['g++', 'make'] },
  { purpose: 'Python for node-gyp', debianPackage: 'python3', programs: ['python3'] },
  { purpose: 'Kerberos headers', debianPackage: 'libkrb5-dev', files: ['/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h'] },
  { purpose: 'X11 headers', debianPackage: 'libx11-dev', files: ['/usr/include/X11/Xlib.h'] },
  { purpose: 'X keyboard headers', debianPackage: 'libxkbfile-dev', files: ['/usr/include/X11/extensions/XKBfile.h'] },
  { purpose: 'libsecret headers', debianPackage: 'libsecret-1-dev', files: ['/usr/include/libsecret-1/libsecret/secret.h'] },
];

/** code-server 4.90 cannot download ripgrep offline: the runner packs the system's. */
export const RIPGREP: Prerequisite = { purpose: 'ripgrep for code-server 4.90', debianPackage: 'ripgrep', programs: ['rg'] };

/** The browser the integration tests drive. */
export function chromium(executable: string): Prerequisite {
  return { purpose: `Chromium (${executable}; SWIFT_CHROMIUM names another)`, debianPackage: 'chromium', files: [executable] };
}

export interface Probe {
  readonly fileExists: (file: string) => boolean;
  readonly onPath: (program: string) => boolean;
}

export const systemProbe: Probe = {
  fileExists: (file) => fs.existsSync(file),
  onPath: (program) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, program))),
};

export function missing(prerequisites: readonly Prerequisite[], probe: Probe = systemProbe): Prerequisite[] {
  return prerequisites.filter((p) => {
    const fileOk = !p.files || p.files.some((f) => probe.fileExists(f));
    const programsOk = !p.programs || p.programs.every((program) => probe.onPath(program));
    return !(fileOk && programsOk);
  });
}

/** The message for what is missing: what each is for, and the one command that installs them all. */
export function missingMessage(task: string, absent: readonly Prerequisite[], asRoot: boolean): string {
  const packages = [...new Set(absent.map((p) => p.debianPackage))];
  const sudo = asRoot ? '' : 'sudo ';
  return [
    `${task} needs software this machine does not have:`,
    ...absent.map((p) => `  - ${p.purpose} (Debian package ${p.debianPackage})`),
    'Install it with:',
    `  ${sudo}apt-get install -y ${packages.join(' ')}`,
    'then run the command again.',
  ].join('\n');
}

/** Throws the readable message when anything in `prerequisites` is missing. */
export function requirePrerequisites(task: string, prerequisites: readonly Prerequisite[], probe: Probe = systemProbe): void {
  const absent = missing(prerequisites, probe);
  if (absent.length > 0) throw new PrerequisiteError(missingMessage(task, absent, process.getuid?.() === 0));
}

export class PrerequisiteError extends Error {
  override readonly name = 'PrerequisiteError';
}
