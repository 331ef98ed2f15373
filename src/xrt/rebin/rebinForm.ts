// The form of "Rebin Light Curve…": first the binning method, then a list of the method's parameters
// and the common ones, each with its value (pre-filled from the job) and the request files' own
// documentation (the zod metadata of src/xrt/request/requestSchema.ts), edited one at a time with the
// request files' own checks, until the user chooses to rebin. Nothing is sent from here; the whole
// binning is checked again with validateRebinParams before the form gives it back.
import * as z from 'zod';
import type { CommandWindow } from '../../common/commandTable';
import { lightCurveSchema } from '../request/requestSchema';
import { COMMON_REBIN_FIELDS, METHOD_REBIN_FIELDS, rebinParamsFieldsSchema, validateRebinParams, type RebinParams } from './rebinRequest';

type FormWindow = Pick<CommandWindow, 'showQuickPick' | 'showInputBox'>;
type Method = RebinParams['binMeth'];
type Field = Exclude<keyof typeof rebinParamsFieldsSchema.shape, 'binMeth'>;

const METHODS: readonly Method[] = ['counts', 'time', 'snapshot', 'obsid'];

interface FieldDoc {
  readonly kind: 'enum' | 'flag' | 'number' | 'text';
  /** The documentation as plain text (Markdown code marks removed). */
  readonly text: string;
  readonly default?: unknown;
  readonly values?: readonly string[];
  readonly valueTexts?: readonly string[];
}

interface Meta {
  readonly markdownDescription?: string;
  readonly default?: unknown;
  readonly markdownEnumDescriptions?: readonly string[];
}

const plain = (md: string | undefined): string => (md ?? '').replace(/`/g, '').replace(/\*\*/g, '');

/** A field's kind, documentation and default, read from the request schema's metadata. */
function fieldDoc(field: Field | 'binMeth'): FieldDoc {
  const schema: z.ZodType = field === 'binMeth' ? lightCurveSchema.shape.binMeth : rebinParamsFieldsSchema.shape[field];
  const meta = (schema.meta() ?? {}) as Meta;
  const inner: unknown = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  const base = { text: plain(meta.markdownDescription), ...(meta.default !== undefined ? { default: meta.default } : {}) };
  if (inner instanceof z.ZodEnum) {
    return { ...base, kind: 'enum', values: inner.options.map(String), valueTexts: (meta.markdownEnumDescriptions ?? []).map(plain) };
  }
  if (inner instanceof z.ZodLiteral) return { ...base, kind: 'flag' };
  if (inner instanceof z.ZodNumber) return { ...base, kind: 'number' };
  return { ...base, kind: 'text' };
}

/** The fields the form lists for a method: the method's own first, then the common ones. */
function formFields(method: Method): Field[] {
  return [...METHOD_REBIN_FIELDS[method], ...COMMON_REBIN_FIELDS] as Field[];
}

/** A value typed into a field's input box, as the schema would read it from a request file ('' clears it). */
function parseTyped(doc: FieldDoc, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (doc.kind === 'number') return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : t;
  return t;
}

/** The request schema's message for a typed value, or undefined when it is acceptable. */
function checkTyped(field: Field, text: string): string | undefined {
  const doc = fieldDoc(field);
  const value = parseTyped(doc, text);
  if (value === undefined) return undefined;
  if (doc.kind === 'number' && typeof value !== 'number') return `${field} must be a number.`;
  const parsed = rebinParamsFieldsSchema.shape[field].safeParse(value);
  return parsed.success ? undefined : plain(parsed.error.issues[0]?.message);
}

const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

/**
 * Asks for a binning. `defaultsFor(method)` gives the pre-filled binning of a method (the job's values:
 * rebinDefaultsFromJob); `initial` the one first shown. Undefined when the user gives up.
 */
export async function askBinning(
  window: FormWindow,
  options: { title: string; initial: RebinParams; defaultsFor: (method: Method) => RebinParams },
): Promise<RebinParams | undefined> {
  const methodDoc = fieldDoc('binMeth');
  const methodPick = await window.showQuickPick(
    METHODS.map((m, i) => ({
      label: m,
      description: m === options.initial.binMeth ? `${methodDoc.valueTexts?.[i] ?? ''} (the job’s)`.trim() : methodDoc.valueTexts?.[i],
      method: m,
    })),
    { title: `${options.title}: binning method`, placeHolder: 'How the light curve is binned anew (binMeth)', ignoreFocusOut: true },
  );
  if (!methodPick) return undefined;
  const method = methodPick.method;
  let current: Record<string, unknown> = { ...(method === options.initial.binMeth ? options.initial : options.defaultsFor(method)) };
  current.binMeth = method;
  let problems: string[] = [];
  const SUBMIT = '$(check) Rebin with these parameters';
  for (;;) {
    const fields = formFields(method);
    const checked = validateRebinParams(current);
    const issueOf = new Map<string, string>();
    if (!checked.ok) for (const i of checked.issues) if (i.field && !issueOf.has(i.field)) issueOf.set(i.field, i.message);
    const items = [
      { label: SUBMIT, description: `binMeth "${method}"`, field: undefined as Field | undefined, alwaysShow: true },
      ...fields.map((field) => {
        const doc = fieldDoc(field);
        const value = current[field];
        const issue = issueOf.get(field);
        return {
          label: `${issue ? '$(error) ' : ''}${field}`,
          description:
            value !== undefined
              ? `= ${show(value)}`
              : doc.default !== undefined
                ? `default ${show(doc.default)}`
                : 'not set (service default)',
          detail: issue ? plain(issue) : doc.text,
          field: field as Field | undefined,
        };
      }),
    ];
    const pick = await window.showQuickPick(items, {
      title: `${options.title}: binning by ${method}`,
      placeHolder: problems.length > 0 ? `Fix first: ${problems.join(' ')}` : 'Choose a parameter to change it, or rebin',
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (!pick) return undefined;
    if (!pick.field) {
      const final = validateRebinParams(current);
      if (final.ok) return final.value;
      problems = final.issues.map((i) => plain(i.message));
      continue;
    }
    problems = [];
    const field = pick.field;
    const doc = fieldDoc(field);
    if (doc.kind === 'enum' || doc.kind === 'flag') {
      const values = doc.kind === 'flag' ? ['1', '0'] : (doc.values ?? []);
      const chosen = await window.showQuickPick(
        [
          ...values.map((v, i) => ({
            label: v,
            description: doc.kind === 'enum' ? doc.valueTexts?.[i] : v === '1' ? 'on' : 'off',
            value: v,
          })),
          {
            label: '(not set)',
            description: doc.default !== undefined ? `default ${show(doc.default)}` : 'the service’s default',
            value: '',
          },
        ],
        { title: `${options.title}: ${field}`, placeHolder: doc.text, ignoreFocusOut: true },
      );
      if (chosen === undefined) continue;
      current = { ...current, [field]: chosen.value === '' ? undefined : doc.kind === 'flag' ? Number(chosen.value) : chosen.value };
      continue;
    }
    const typed = await window.showInputBox({
      title: `${options.title}: ${field}`,
      prompt: doc.text,
      value: current[field] === undefined ? '' : String(current[field] as string | number),
      placeHolder: doc.default !== undefined ? `default ${show(doc.default)}; empty for the default` : 'empty: not set',
      validateInput: (text) => checkTyped(field, text),
      ignoreFocusOut: true,
    });
    if (typed === undefined) continue;
    current = { ...current, [field]: parseTyped(doc, typed) };
  }
}
