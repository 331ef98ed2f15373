// The form of Rebin Light Curve… (src/xrt/rebin/rebinForm.ts) with a scripted window: the method, then the
// parameter list pre-filled from the job with the request files' documentation, each edit checked as in
// request files, and nothing given back until the whole binning is valid.
import * as assert from 'node:assert/strict';
import type { CommandWindow } from '../../../../src/common/commandTable';
import { askBinning } from '../../../../src/xrt/rebin/rebinForm';
import { rebinDefaultsFromJob } from '../../../../src/xrt/rebin/rebinRequest';

type Item = { label: string; description?: string; detail?: string };
type Step =
  | { pick: (items: Item[], options: { placeHolder?: string; title?: string }) => Item | undefined }
  | { type: string | undefined; expectError?: { text: string; message: RegExp } };

/** A window that answers each question with the next step of the script, recording what it was shown. */
function scripted(steps: Step[]): {
  window: Pick<CommandWindow, 'showQuickPick' | 'showInputBox'>;
  shown: { items?: Item[]; placeHolder?: string; prompt?: string }[];
} {
  const shown: { items?: Item[]; placeHolder?: string; prompt?: string }[] = [];
  const next = (): Step => {
    const step = steps.shift();
    assert.ok(step, 'the form asked more than the script answers');
    return step;
  };
  const window = {
    showQuickPick: (items: Item[], options: { placeHolder?: string; title?: string }) => {
      shown.push({ items, placeHolder: options.placeHolder });
      const step = next();
      assert.ok('pick' in step, `a quick pick was shown where the script expected an input box (${options.title})`);
      return Promise.resolve(step.pick(items, options));
    },
    showInputBox: (options: { prompt?: string; validateInput?: (t: string) => string | undefined }) => {
      shown.push({ prompt: options.prompt });
      const step = next();
      assert.ok('type' in step, 'an input box was shown where the script expected a quick pick');
      if (step.expectError) assert.match(options.validateInput?.(step.expectError.text) ?? '', step.expectError.message);
      if (step.type !== undefined) assert.equal(options.validateInput?.(step.type), undefined, `${step.type} is accepted`);
      return Promise.resolve(step.type);
    },
  } as unknown as Pick<CommandWindow, 'showQuickPick' | 'showInputBox'>;
  return { window, shown };
}

const byLabel = (label: string | RegExp) => (items: Item[]) => {
  const item = items.find((i) => (typeof label === 'string' ? i.label === label || i.label.endsWith(` ${label}`) : label.test(i.label)));
  assert.ok(item, `no item ${String(label)} among ${items.map((i) => i.label).join(', ')}`);
  return item;
};
const SUBMIT = /Rebin with these parameters/;

const JOB_PARS = { binMeth: 'counts', pccounts: '20', wtcounts: '30', dynamic: '1', minen: '0.3', grades: 'all' };
const options = {
  title: 'Rebin',
  initial: rebinDefaultsFromJob(JOB_PARS),
  defaultsFor: (m: 'counts' | 'time' | 'snapshot' | 'obsid') => rebinDefaultsFromJob(JOB_PARS, m),
};

describe('the rebin form', () => {
  it('starts from the job’s binning, documents each field as request files do, and gives back what was edited', async () => {
    const { window, shown } = scripted([
      { pick: byLabel('counts') },
      { pick: byLabel('pccounts') },
      { type: '50', expectError: { text: '2.5', message: /pccounts must be a whole number/ } },
      { pick: byLabel('allowUL') },
      { pick: byLabel('pc') },
      { pick: byLabel(SUBMIT) },
    ]);
    const binning = await askBinning(window, options);
    assert.deepEqual(binning, { binMeth: 'counts', pccounts: 50, wtcounts: 30, dynamic: 1, minen: 0.3, grades: 'all', allowUL: 'pc' });
    const methods = shown[0]!.items!;
    assert.deepEqual(
      methods.map((i) => i.label),
      ['counts', 'time', 'snapshot', 'obsid'],
    );
    assert.match(methods[0]!.description ?? '', /the job’s/);
    const list = shown[1]!.items!;
    const pccounts = list.find((i) => i.label === 'pccounts')!;
    assert.equal(pccounts.description, '= 20', 'pre-filled from the job');
    assert.match(pccounts.detail ?? '', /Counts in a full PC bin/, 'the request schema’s documentation');
    const ratefact = list.find((i) => i.label === 'ratefact')!;
    assert.equal(ratefact.description, 'default 10');
    assert.ok(!list.some((i) => i.label === 'femin'), 'only the fields of counts binning and the common ones');
    assert.match(shown[2]!.prompt ?? '', /Counts in a full PC bin/);
  });

  it('switches to the other method’s fields and refuses to finish until the binning is valid', async () => {
    const { window, shown } = scripted([
      { pick: byLabel('time') },
      { pick: byLabel('minen') },
      { type: '5' },
      { pick: byLabel(SUBMIT) },
      { pick: byLabel(/minen$/) },
      { type: '0.2' },
      { pick: byLabel('pcbin') },
      { type: '1000' },
      { pick: byLabel(SUBMIT) },
    ]);
    const binning = await askBinning(window, options);
    assert.deepEqual(binning, { binMeth: 'time', minen: 0.2, grades: 'all', pcbin: 1000 });
    const refused = shown[4]!;
    assert.match(refused.placeHolder ?? '', /Fix first: .*soft1.*must be at least minen/);
    assert.ok(
      refused.items!.some((i) => i.label.startsWith('$(error)')),
      'the field at fault is marked',
    );
    assert.ok(
      shown[1]!.items!.some((i) => i.label === 'femin'),
      'time binning lists its own fields',
    );
    assert.ok(!shown[1]!.items!.some((i) => i.label === 'pccounts'));
  });

  it('gives nothing back when the user leaves the form', async () => {
    assert.equal(await askBinning(scripted([{ pick: () => undefined }]).window, options), undefined);
    assert.equal(await askBinning(scripted([{ pick: byLabel('snapshot') }, { pick: () => undefined }]).window, options), undefined);
  });

  it('clears a field back to the service’s default', async () => {
    const { window } = scripted([
      { pick: byLabel('counts') },
      { pick: byLabel('grades') },
      { pick: byLabel('(not set)') },
      { pick: byLabel(SUBMIT) },
    ]);
    const binning = await askBinning(window, options);
    assert.equal(binning && 'grades' in binning, false);
  });
});
