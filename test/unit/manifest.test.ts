// The manifest holds together: every command a menu, welcome text or walkthrough names is one the
// extension contributes; every file it points at exists; activation is lazy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

interface Manifest {
  activationEvents: string[];
  main: string;
  icon: string;
  contributes: {
    commands: { command: string; category?: string }[];
    menus: Record<string, { command: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    views: Record<string, { id: string }[]>;
    walkthroughs: { steps: { description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }[] }[];
    jsonValidation: { fileMatch: string; url: string }[];
  };
}

const root = repoRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const viewIds = Object.values(manifest.contributes.views)
  .flat()
  .map((v) => v.id);
/** Commands VS Code itself provides for contributed views. */
const builtIn = new Set(viewIds.map((id) => `${id}.focus`));

function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
}

describe('manifest', () => {
  it('activates lazily, never on *', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(
      manifest.activationEvents.every((e) => /^(workspaceContains|onWebviewPanel|onView|onCommand|onLanguage):/.test(e)),
      manifest.activationEvents.join(', '),
    );
  });

  it('gives every command a category', () => {
    assert.deepEqual(
      manifest.contributes.commands.filter((c) => !c.category).map((c) => c.command),
      [],
    );
  });

  it('names only contributed commands in menus, welcome content and the walkthrough', () => {
    const used = [
      ...Object.values(manifest.contributes.menus)
        .flat()
        .map((m) => m.command),
      ...manifest.contributes.viewsWelcome.flatMap((w) => commandLinks(w.contents)),
      ...manifest.contributes.walkthroughs.flatMap((w) =>
        w.steps.flatMap((s) => [
          ...commandLinks(s.description),
          ...(s.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
        ]),
      ),
    ];
    assert.deepEqual([...new Set(used.filter((c) => !contributed.has(c) && !builtIn.has(c)))], []);
  });

  it('points only at files that exist (or that the build writes)', () => {
    const files = [
      manifest.icon,
      ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? s.media.image ?? '')),
    ];
    for (const file of files) assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing`);
    for (const v of manifest.contributes.jsonValidation) assert.match(v.url, /^\.\/dist\/schemas\/[\w-]+\.schema\.json$/);
    assert.equal(manifest.main, './dist/extension.js');
  });
});
