// "Export as Python" for a TOO request: the checked request (the one submission sends) → a script that
// files it with the official client, swifttools' swift_too 2.0.1: the `TOO` class (an alias of
// `SwiftTOORequest`, swifttools/swift_too/swift/toorequest.py) built with keyword arguments as its README
// shows, `validate()` (the client's own checks), `server_validate()` or `submit()`, and the outcome in
// `status` (`status`, `too_id`, `errors`, `warnings`; swift_too/base/status.py). The attribute names are
// the form fields' (test/fixtures/protocol/swift-too-v2.md §11.2), so no renaming is needed; values are
// given as toFormFields sends them where the client's types differ from the file's (requestSchema.ts).
//
// The API key never enters the script: it comes from SWIFT_TOO_API_KEY or `getpass`. The script is
// built from a `build_request` function and `main`, so a campaign can add builders and a throttle.
import {
  pyBool,
  pyCall,
  pyCode,
  pyComment,
  pyFloat,
  pyInt,
  pyNumber,
  pyString,
  scriptHeader,
  type PythonSource,
} from '../../common/pythonLiteral';
import { xrtModeCode } from '../modes';
import { uvotModeFormText, type TooRequest } from '../request/requestSchema';
import { pythonDatetimeText, pythonNumberText } from '../wireText';

interface TooScriptContext {
  /** The request file's name, for the header. */
  readonly fileName: string;
  /** The signed-in TOO username, if any (not a secret). */
  readonly username?: string;
  readonly version: string;
  readonly date: Date;
}

type TooPythonExport = { readonly ok: true; readonly script: string } | { readonly ok: false; readonly problems: readonly string[] };

type Argument = readonly [string, PythonSource];

const text = (name: string, value: string | null | undefined): Argument[] => (value == null ? [] : [[name, pyString(value)]]);
const float = (name: string, value: number | null | undefined): Argument[] => (value == null ? [] : [[name, pyFloat(value)]]);
/** A number or free text, as the file has it; `float` makes a float of a whole number (the client's `float | str`). */
const numberOrText = (name: string, value: number | string | null | undefined, number: (n: number) => PythonSource): Argument[] =>
  value == null ? [] : [[name, typeof value === 'number' ? number(value) : pyString(value)]];
/** Only when it differs from the client's default (toorequest.py), to keep the script short. */
const flagIfTrue = (name: string, value: boolean): Argument[] => (value ? [[name, pyBool(true)]] : []);

/** The client keeps whole seconds here (`int | None` in SwiftTOORequestSchema); a fraction would be refused. */
function wholeSeconds(name: string, value: number | null | undefined, problems: string[]): Argument[] {
  if (value == null) return [];
  if (!Number.isInteger(value)) {
    problems.push(`\`${name}\` is ${value} s; swift_too takes whole seconds only, so the script cannot send it. Round it in the file.`);
    return [];
  }
  return [[name, pyInt(value)]];
}

/** The mode's code, as the form sends it; a name the schema allowed is always known, else it goes as written. */
function xrtMode(mode: number | string): PythonSource {
  const code = typeof mode === 'number' ? mode : xrtModeCode(mode);
  return code === undefined ? pyString(String(mode)) : pyInt(code);
}

/** The keyword arguments of `TOO(...)`, in the order of the stock client's form (requestSchema.ts toFormFields). */
function tooArguments(request: TooRequest, problems: string[]): Argument[] {
  return [
    ['username', pyCode('username')],
    ['shared_secret', pyCode('shared_secret')],
    ...text('target_name', request.target_name),
    ...text('target_type', request.target_type),
    // Given with the position, the client resolves no name (resolve.py `validate_name`).
    ['ra', pyFloat(request.ra)],
    ['dec', pyFloat(request.dec)],
    ...float('poserr', request.poserr),
    ...text('instrument', request.instrument),
    ...text('obs_type', request.obs_type),
    ['urgency', pyInt(request.urgency)],
    ...numberOrText('opt_mag', request.opt_mag, pyFloat),
    ...text('opt_filt', request.opt_filt),
    // `StrIntFloat` in the client, sent as `str(x)`: 5 stays "5".
    ...numberOrText('xrt_countrate', request.xrt_countrate, pyNumber),
    // The client's form takes the BAT rate as text only (SwiftTOOFormSchema `bat_countrate: str`).
    ...text('bat_countrate', typeof request.bat_countrate === 'number' ? pythonNumberText(request.bat_countrate) : request.bat_countrate),
    ...text('other_brightness', request.other_brightness),
    ...text('grb_detector', request.grb_detector),
    ...text('grb_triggertime', request.grb_triggertime == null ? undefined : pythonDatetimeText(request.grb_triggertime, 'T')),
    ['uvot_mode', pyString(uvotModeFormText(request.uvot_mode))],
    ...text('science_just', request.science_just),
    ...text('immediate_objective', request.immediate_objective),
    ...flagIfTrue('proposal', request.proposal),
    ...text('proposal_id', request.proposal_id),
    ...text('proposal_pi', request.proposal_pi),
    ...text('proposal_trigger_just', request.proposal_trigger_just),
    ...(request.uvot_just === '' ? [] : text('uvot_just', request.uvot_just)),
    ['xrt_mode', xrtMode(request.xrt_mode)],
    ...flagIfTrue('tiling', request.tiling),
    // `Literal["4", "7", "19", "37", "Other"]` in the client's form: text.
    ...text('number_of_tiles', request.number_of_tiles == null ? undefined : String(request.number_of_tiles)),
    ...wholeSeconds('exposure_time_per_tile', request.exposure_time_per_tile, problems),
    ...text('tiling_justification', request.tiling_justification),
    ...text('exp_time_just', request.exp_time_just),
    ...wholeSeconds('exp_time_per_visit', request.exp_time_per_visit, problems),
    ['num_of_visits', pyInt(request.num_of_visits)],
    // Trimmed, as the client's cadence validator does before sending.
    ...text('monitoring_freq', request.monitoring_freq?.trim()),
    ...flagIfTrue('debug', request.debug),
  ];
}

function buildFunction(request: TooRequest, problems: string[]): string {
  const lines = ['def build_request(username, shared_secret):', pyCall('too = TOO', tooArguments(request, problems), '    ')];
  if (request.exposure != null) {
    // `exposure` is computed by the client (exp_time_per_visit × num_of_visits) unless set after construction.
    lines.push(pyComment('The total exposure the request gives (else per-visit time x visits):', '    '));
    lines.push(`    too.exposure = ${pyInt(request.exposure)}`);
  }
  lines.push('    return too');
  return lines.join('\n');
}

function mainFunction(username: string | undefined): string {
  const fallback = username === undefined ? pyCode('input("Swift TOO username: ")') : pyString(username);
  return `def main():
    validate_only = "--validate-only" in sys.argv[1:]
    username = os.environ.get("SWIFT_TOO_USERNAME") or ${fallback}
    # The API key is never written into this file: from SWIFT_TOO_API_KEY, or asked for without echo.
    shared_secret = os.environ.get("SWIFT_TOO_API_KEY") or getpass.getpass("Swift TOO API key: ")
    too = build_request(username, shared_secret)
    if not too.validate():
        sys.exit("The request is not valid: " + "; ".join(str(e) for e in too.status.errors))
    ok = too.server_validate() if validate_only else too.submit()
    for warning in too.status.warnings:
        print(f"Warning: {warning}")
    if not ok:
        sys.exit("The Swift TOO service did not accept the request: " + "; ".join(str(e) for e in too.status.errors))
    if validate_only:
        print("The Swift TOO service accepts the request as valid; nothing was submitted.")
    else:
        print(f"Received as TOO {too.status.too_id} ({too.status.status}).")`;
}

/** The script for one checked TOO request, or the problems that stop swift_too from sending it. */
export function tooPythonScript(request: TooRequest, context: TooScriptContext): TooPythonExport {
  const problems: string[] = [];
  const build = buildFunction(request, problems);
  if (problems.length > 0) return { ok: false, problems };
  const script = [
    scriptHeader({
      purpose: [
        'Files the Swift Target of Opportunity request below with the official Python client',
        `(swifttools swift_too) to the Swift TOO API. Running it sends a REAL TOO request to the Swift team${request.debug ? ' (debug is True: a test submission)' : ''};`,
        'python3 <this file> --validate-only asks the service to check it without submitting.',
        'SWIFT_TOO_USERNAME and SWIFT_TOO_API_KEY give the account; SWIFT_TOO_API_URL another service address.',
      ],
      fileName: context.fileName,
      version: context.version,
      date: context.date,
    }),
    '',
    'import getpass\nimport os\nimport sys\n\nfrom swifttools.swift_too import TOO',
    '',
    '',
    build,
    '',
    '',
    mainFunction(context.username),
    '',
    '',
    'if __name__ == "__main__":\n    main()',
    '',
  ].join('\n');
  return { ok: true, script };
}
