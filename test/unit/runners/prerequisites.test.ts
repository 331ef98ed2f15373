// The pre-flight check of `npm start` and `npm test` on a fresh machine: what is missing is named with
// the one command that installs it.
import * as assert from 'node:assert/strict';
import {
  CODE_SERVER_BUILD,
  PrerequisiteError,
  RIPGREP,
  chromium,
  missing,
  missingMessage,
  requirePrerequisites,
  type Probe,
} from '../../runners/prerequisites';

function probe(files: readonly string[], programs: readonly string[]): Probe {
  return { fileExists: (f) => files.includes(f), onPath: (p) => programs.includes(p) };
}

const EVERYTHING = probe(
  [
    '/usr/include/gssapi/gssapi.h',
    '/usr/include/X11/Xlib.h',
    '/usr/include/X11/extensions/XKBfile.h',
    '/usr/include/libsecret-1/libsecret/secret.h',
    '/usr/bin/chromium',
  ],
  ['g++', 'make', 'python3', 'rg'],
);

describe('runners: prerequisites', () => {
  it('finds nothing missing on a machine that has it all', () => {
    assert.deepEqual(missing([...CODE_SERVER_BUILD, RIPGREP, chromium('/usr/bin/chromium')], EVERYTHING), []);
  });

  it('names each missing header and program by its Debian package', () => {
    const bare = probe(['/usr/include/X11/Xlib.h'], ['make', 'python3']);
    assert.deepEqual(
      missing([...CODE_SERVER_BUILD, RIPGREP], bare).map((p) => p.debianPackage),
      ['build-essential', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'ripgrep'],
    );
  });

  it('accepts either Kerberos header, since distributions ship one or the other', () => {
    const onlyKrb5 = probe(['/usr/include/krb5.h'], []);
    assert.ok(!missing(CODE_SERVER_BUILD, onlyKrb5).some((p) => p.debianPackage === 'libkrb5-dev'));
  });

  it('prints one install command with every package once, with sudo unless running as root', () => {
    const absent = missing([...CODE_SERVER_BUILD, chromium('/opt/none/chromium')], probe([], ['python3']));
    const text = missingMessage('npm start', absent, false);
    assert.match(text, /^npm start needs software this machine does not have:/);
    assert.ok(
      text.includes('  sudo apt-get install -y build-essential libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev chromium\n'),
      text,
    );
    assert.ok(text.includes('Chromium (/opt/none/chromium; SWIFT_CHROMIUM names another)'));
    assert.ok(missingMessage('npm start', absent, true).includes('\n  apt-get install -y build-essential'));
  });

  it('throws a PrerequisiteError only when something is missing', () => {
    assert.doesNotThrow(() => requirePrerequisites('npm test', CODE_SERVER_BUILD, EVERYTHING));
    assert.throws(
      () => requirePrerequisites('npm test', [RIPGREP], probe([], [])),
      (e: unknown) => e instanceof PrerequisiteError && /apt-get install -y ripgrep/.test(e.message),
    );
  });
});
