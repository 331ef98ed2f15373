// "Export as Python" for an XRT campaign (`*.xrt-campaign.json`): its plan (src/xrt/campaign/campaignPlan.ts,
// one checked request per source) → one script for the official client, swifttools' xrt_prods 1.12, that
// does what Run Campaign does (src/xrt/campaign/campaignRunner.ts):
// - each source's request is built with the same calls as a single exported request (pythonScript.ts
//   `requestCalls`), written as data in the `SOURCES` literal, so the script needs no CSV at run time;
// - a source is sent only while the service counts fewer than `MAX_ACTIVE_JOBS` of the user's jobs as
//   active, asked with xrt_prods' module function `countActiveJobs` before each submission, waiting 30 s
//   between checks as the client's documentation does (xrt_prods advanced.md, "Controlling the number of active jobs");
// - each source's state is written to a JSON file beside the script before the script goes on: "sending"
//   before the request leaves, the JobID as soon as the service gives it, so a re-run never sends a source
//   twice; a submission whose outcome is unknown (a timeout, a reset connection, an error page) is settled
//   from `listOldJobs` the way src/xrt/campaign/campaignReconcile.ts settles it (test/fixtures/protocol/
//   xrt-products.md §7: the same name and products, submitted since the intent; an empty list means "not
//   made" only 2 minutes after it; two candidates are left to the user);
// - each finished job's built products are downloaded into `<campaign stem>/<source id>/`, the folder the
//   extension gives a source (README, "Campaign files"), and a job from an earlier run is found again with
//   `copyOldJob(JobID, becomeThis=True)` (prod_request.py).
import { pyBool, pyComment, pyDict, pyInt, pyString, scriptHeader, type PythonSource } from '../../common/pythonLiteral';
import type { CampaignPlan } from '../campaign/campaignPlan';
import { PRODUCTS as PRODUCT_CODES } from '../productCodes';
import { applyOfficialClientImplications } from '../request/requestImplications';
import { requestCalls, type RequestCalls } from './pythonScript';

const CAMPAIGN_SUFFIX = /\.xrt-campaign\.json$/i;

interface CampaignScriptContext {
  /** The campaign file's name, for the header and the folder and jobs-file names. */
  readonly fileName: string;
  /** The configured user ID (setting); asked for at run time when not given. */
  readonly userId?: string;
  /** The smaller of the campaign's `maxActiveJobs` and the setting, as Run Campaign uses. */
  readonly maxActiveJobs: number;
  readonly version: string;
  readonly date: Date;
}

export type CampaignPythonExport =
  | { readonly ok: true; readonly script: string; readonly sources: number; readonly leftOut: number }
  | { readonly ok: false; readonly problems: readonly string[] };

interface ExportedSource {
  readonly id: string;
  readonly name: string;
  readonly listed: readonly (readonly [string, PythonSource])[];
  readonly calls: RequestCalls;
}

interface LeftOut {
  readonly id: string;
  readonly reasons: readonly string[];
}

const INDENT = '        ';

/** One entry of `SOURCES`: what the job list shows of it, and its xrt_prods calls as data. */
function sourceLiteral(source: ExportedSource): string {
  const products = source.calls.products.map((p) => `${INDENT}    (${pyString(p.method)}, ${pyDict(p.args, `${INDENT}    `)}),`);
  return [
    '    {',
    `${INDENT}"id": ${pyString(source.id)},`,
    `${INDENT}"name": ${pyString(source.name)},`,
    // listOldJobs' flags (xrt-products.md §7): how an uncertain submission's job is recognised.
    `${INDENT}"listed_products": ${pyDict(source.listed, INDENT)},`,
    ...source.calls.notes.map((n) => pyComment(n, INDENT)),
    `${INDENT}"globals": ${pyDict(source.calls.globals, INDENT)},`,
    `${INDENT}"products": [`,
    ...products,
    `${INDENT}],`,
    '    },',
  ].join('\n');
}

function leftOutComments(leftOut: readonly LeftOut[]): string[] {
  return leftOut.flatMap((s) => [
    pyComment(`Left out: source ${pyString(s.id)}, because:`, '    '),
    ...s.reasons.map((r) => pyComment(`  ${pyString(r)}`, '    ')),
  ]);
}

/** The stem of `<stem>.xrt-campaign.json`: the campaign folder's name (never one that leaves the folder given). */
function campaignStem(fileName: string): string {
  const stem = fileName.replace(CAMPAIGN_SUFFIX, '');
  return stem === fileName || /^\.*$/.test(stem) || /[\\/]/.test(stem) ? 'campaign' : stem;
}

/**
 * The script for a campaign whose file-level problems are already dealt with (the caller refuses those,
 * as Run Campaign does): sources with errors, or whose request xrt_prods cannot express, are left out
 * with a comment saying why; no script when none is left.
 */
export function xrtCampaignPythonScript(plan: CampaignPlan, context: CampaignScriptContext): CampaignPythonExport {
  const exported: ExportedSource[] = [];
  const leftOut: LeftOut[] = [];
  for (const source of plan.sources) {
    const errors = source.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    if (errors.length > 0) {
      leftOut.push({ id: source.id, reasons: errors });
      continue;
    }
    // What submission adds to a request file is what xrt_prods adds on its own (requestImplications.ts).
    const { request } = applyOfficialClientImplications(source.request);
    const calls = requestCalls(request);
    if (calls.problems.length > 0) {
      leftOut.push({ id: source.id, reasons: calls.problems.map((p) => `Source "${source.id}": ${p}`) });
      continue;
    }
    const name = typeof request.name === 'string' || typeof request.name === 'number' ? String(request.name) : source.id;
    const listed = PRODUCT_CODES.map((p) => [p.listOldJobsKey, pyBool(request[p.flag] === 1 || request[p.flag] === true)] as const);
    exported.push({ id: source.id, name, listed, calls });
  }
  if (exported.length === 0) {
    return {
      ok: false,
      problems: leftOut.length === 0 ? ['The campaign has no source to export.'] : leftOut.flatMap((s) => s.reasons),
    };
  }
  const stem = campaignStem(context.fileName);
  const script = [
    scriptHeader({
      purpose: [
        'Runs the Swift-XRT campaign below on the UKSSDC XRT product generator with the official Python',
        'client (swifttools xrt_prods): submits each source once, never more than MAX_ACTIVE_JOBS active,',
        "and downloads each source's products into <campaign>/<source id>/ beside this script.",
        'What was sent is kept in the jobs file beside this script: run it again to go on where it stopped.',
        'Run: python3 <this file> [folder for the campaign folder]   (SWIFT_XRT_USER_ID overrides the user ID)',
      ],
      fileName: context.fileName,
      fileKind: 'Campaign file',
      version: context.version,
      date: context.date,
    }),
    '',
    IMPORTS,
    '',
    `CAMPAIGN_FILE = ${pyString(context.fileName)}`,
    pyComment("The folder of the campaign: <folder>/<source id>/ holds each source's products."),
    `CAMPAIGN_STEM = ${pyString(stem)}`,
    pyComment("The UKSSDC asks for a few jobs at a time (xrt_prods advanced.md): the campaign's maxActiveJobs, or the smaller setting."),
    `MAX_ACTIVE_JOBS = ${pyInt(context.maxActiveJobs)}`,
    `USER_ID = ${context.userId === undefined ? 'None' : pyString(context.userId)}`,
    '',
    CONSTANTS,
    '',
    pyComment(
      `${exported.length} source${exported.length === 1 ? '' : 's'}, in the campaign's order; each with the xrt_prods calls of its request.`,
    ),
    'SOURCES = [',
    ...exported.map(sourceLiteral),
    ...leftOutComments(leftOut),
    ']',
    '',
    '',
    RUNTIME.trim(),
    '',
    '',
    'if __name__ == "__main__":\n    main()',
    '',
  ].join('\n');
  return { ok: true, script, sources: exported.length, leftOut: leftOut.length };
}

const IMPORTS = `import atexit
import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone

from swifttools.xrt_prods import XRTProductRequest, countActiveJobs, listOldJobs`;

const CONSTANTS = `# Between two questions to the service while the campaign waits (xrt_prods advanced.md waits 30 s).
WAIT_SECONDS = 30
# Between two status checks when only running jobs are left: about once a minute, as xrt_prods asks.
POLL_SECONDS = 60
# A submission whose outcome is unknown counts as "not made" only if the job list still lacks it after this.
UNSEEN_GRACE_SECONDS = 120
# How far the service's clock may be behind this machine's.
CLOCK_SKEW_SECONDS = 600
# The folder of this script: the jobs file goes beside it.
HERE = os.path.dirname(os.path.abspath(__file__))
JOBS_FILE = os.path.join(HERE, CAMPAIGN_STEM + ".xrt-campaign.python-jobs.json")
LOCK_FILE = JOBS_FILE + ".lock"
# What xrt_prods raises when a call fails (requests' errors are OSErrors, a reply that is not JSON a ValueError).
CLIENT_ERRORS = (OSError, RuntimeError, ValueError, KeyError)
PRODUCT_METHODS = ("addLightCurve", "addSpectrum", "addStandardPos", "addEnhancedPos", "addAstromPos", "addImage", "addSourceDet")
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"`;

// Static Python: nothing from the campaign is in it (that is all in the literals above).
const RUNTIME = String.raw`
def utc_now():
    return datetime.fromtimestamp(time.time(), timezone.utc)


def build_request(user_id, source):
    """The source's request, made with the same xrt_prods calls as a single exported request."""
    request = XRTProductRequest(user_id, silent=True)
    request.setGlobalPars(**source["globals"])
    for method, pars in source["products"]:
        if method not in PRODUCT_METHODS:
            raise ValueError(f"{method} is not a product method of XRTProductRequest")
        getattr(request, method)(**pars)
    return request


# ----------------------------------------------------------------------------------------------
# The jobs file: one entry per source, written before the script goes on.
#   {"status": "sending", "intent": ...}      the request may have left; the job list settles it
#   {"status": "submitted", "job_id": ...}    the service made the job
#   {"status": "downloaded", "job_id": ..., "folder": ...}
#   {"status": "refused", "error": ...}       the service said no: remove the entry to send it again
#   {"status": "undecided", "candidates": [...]}   the job list cannot tell: give the entry the right
#                                             "job_id" and "status": "submitted", or remove it to send again


def claim_lock():
    try:
        fd = os.open(LOCK_FILE, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        sys.exit(f"{LOCK_FILE} exists: another run of this campaign seems to be going on. If none is, delete it.")
    os.write(fd, str(os.getpid()).encode("ascii"))
    os.close(fd)
    atexit.register(os.remove, LOCK_FILE)


def load_jobs():
    try:
        with open(JOBS_FILE, encoding="utf-8") as f:
            jobs = json.load(f)
    except FileNotFoundError:
        return {"campaign": CAMPAIGN_FILE, "sources": {}}
    if not isinstance(jobs, dict) or not isinstance(jobs.get("sources"), dict):
        sys.exit(f"{JOBS_FILE} is not this script's jobs file; move it away to start the campaign again.")
    return jobs


def save_jobs(jobs):
    """Written to a new file that then replaces the old one: a crash never leaves half a file."""
    temporary = JOBS_FILE + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(jobs, f, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, JOBS_FILE)


def entry_of(jobs, source):
    return jobs["sources"].get(source["id"], {"status": "queued"})


def set_entry(jobs, source, **entry):
    jobs["sources"][source["id"]] = entry
    save_jobs(jobs)


# ----------------------------------------------------------------------------------------------
# Sending


def has_room(user_id):
    """Whether the service counts fewer than MAX_ACTIVE_JOBS of the user's jobs as active."""
    try:
        active = countActiveJobs(user_id)
    except CLIENT_ERRORS as error:
        print(f"Could not count the active jobs ({error}); trying again later.")
        return False
    if not isinstance(active, int) or active < 0:
        print(f"The service did not count the active jobs ({active}); trying again later.")
        return False
    return active < MAX_ACTIVE_JOBS


def is_uncertain(error):
    """Whether a failed submission may still have made a job: a reply that was not the service's answer."""
    text = str(error)
    return text.startswith("An HTTP error occured") or "do you need do update this module" in text or "required properties were missing" in text


def submit(user_id, jobs, source, live):
    request = build_request(user_id, source)
    # The intent first: whatever happens next, a re-run knows that this source may have been sent.
    set_entry(jobs, source, status="sending", intent=utc_now().strftime(DATE_FORMAT))
    try:
        accepted = request.submit()
    except CLIENT_ERRORS as error:
        print(f"{source['id']}: the submission may or may not have reached the service ({error}); the job list will tell.")
        return
    if accepted:
        set_entry(jobs, source, status="submitted", job_id=request.JobID, submitted=utc_now().strftime(DATE_FORMAT))
        live[source["id"]] = request
        print(f"{source['id']}: submitted as XRT job {request.JobID}: {request.URL}")
        return
    error = str(request.submitError)
    if is_uncertain(error):
        print(f"{source['id']}: the submission may or may not have reached the service ({error.strip()}); the job list will tell.")
        return
    set_entry(jobs, source, status="refused", error=error.strip())
    print(f"{source['id']}: refused by the service: {error.strip()}")


# ----------------------------------------------------------------------------------------------
# Settling uncertain submissions from the job list


def same_name(a, b):
    def norm(s):
        return " ".join(str(s).split()).lower()

    return norm(a) == norm(b)


def job_date(job):
    try:
        return datetime.strptime(str(job.get("DateSubmitted")), DATE_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def could_be(source, job, intent, claimed):
    """Whether the listed job may be the one the source's uncertain submission made."""
    if str(job.get("JobID")) in claimed or not same_name(job.get("Name", ""), source["name"]):
        return False
    for flag, requested in source["listed_products"].items():
        if isinstance(job.get(flag), bool) and job[flag] != requested:
            return False
    date = job_date(job)
    return date is None or date >= intent - timedelta(seconds=CLOCK_SKEW_SECONDS)


def settle_uncertain(user_id, jobs):
    unsettled = [s for s in SOURCES if entry_of(jobs, s)["status"] == "sending"]
    if not unsettled:
        return
    try:
        listed = listOldJobs(user_id)
    except CLIENT_ERRORS as error:
        print(f"Could not read the job list to settle {len(unsettled)} uncertain submission(s) ({error}).")
        return
    if not isinstance(listed, list):
        print(f"The service did not list the jobs ({listed}); the uncertain submissions wait.")
        return
    claimed = {str(e["job_id"]) for e in jobs["sources"].values() if e.get("job_id") is not None}
    intents = {s["id"]: datetime.strptime(entry_of(jobs, s)["intent"], DATE_FORMAT).replace(tzinfo=timezone.utc) for s in unsettled}
    now = utc_now()
    for source in unsettled:
        intent = intents[source["id"]]
        mine = [j for j in listed if could_be(source, j, intent, claimed)]
        rivals = [o for o in unsettled if o is not source and any(could_be(o, j, intents[o["id"]], claimed) for j in mine)]
        if not mine:
            if now - intent >= timedelta(seconds=UNSEEN_GRACE_SECONDS):
                print(f"{source['id']}: the job list shows no job from the uncertain submission; it will be sent again.")
                set_entry(jobs, source, status="queued")
            continue
        if rivals or len(mine) > 1 or job_date(mine[0]) is None:
            ids = [j.get("JobID") for j in mine]
            print(f"{source['id']}: the job list cannot tell which of the jobs {ids} (if any) the uncertain submission made;")
            print(f"    left for you: see {JOBS_FILE}.")
            set_entry(jobs, source, status="undecided", candidates=ids, intent=intent.strftime(DATE_FORMAT))
            continue
        job_id = mine[0]["JobID"]
        claimed.add(str(job_id))
        print(f"{source['id']}: the uncertain submission made job {job_id} (found in the job list).")
        set_entry(jobs, source, status="submitted", job_id=job_id, submitted=mine[0].get("DateSubmitted"))


# ----------------------------------------------------------------------------------------------
# Waiting and downloading


def collect(user_id, jobs, live, folder, given_up):
    """Downloads the built products of every finished job (xrt_prods JobStatus.md "Status code": 4 is complete, below 0 failed)."""
    for source in SOURCES:
        entry = entry_of(jobs, source)
        if entry["status"] != "submitted" or source["id"] in given_up:
            continue
        request = live.get(source["id"])
        if request is None:
            # A job of an earlier run, or found in the job list: xrt_prods follows it as an old job.
            request = XRTProductRequest(user_id, silent=True)
            try:
                request.copyOldJob(entry["job_id"], becomeThis=True)
            except CLIENT_ERRORS as error:
                print(f"{source['id']}: job {entry['job_id']} could not be followed ({error}); run again later.")
                given_up.add(source["id"])
                continue
            live[source["id"]] = request
        try:
            status = request.checkProductStatus()
        except CLIENT_ERRORS as error:
            print(f"{source['id']}: could not check job {entry['job_id']} ({error}); trying again later.")
            continue
        if not isinstance(status, dict) or "ERROR" in status:
            print(f"{source['id']}: the service did not give the status of job {entry['job_id']} ({status}).")
            continue
        codes = {product: int(s.get("statusCode", -10)) for product, s in status.items()}
        if not all(c == 4 or (c < 0 and c != -10) for c in codes.values()):
            continue
        built = [product for product, c in codes.items() if c == 4]
        failed = {product: status[product].get("statusText") for product, c in codes.items() if c != 4}
        target = os.path.join(folder, CAMPAIGN_STEM, source["id"])
        os.makedirs(target, exist_ok=True)
        files = {}
        if built:
            try:
                files = request.downloadProducts(target, what=built, format="tar.gz", clobber=True)
            except CLIENT_ERRORS as error:
                print(f"{source['id']}: the products of job {entry['job_id']} could not be downloaded ({error}); run again later.")
                given_up.add(source["id"])
                continue
        for product, path in files.items():
            print(f"{source['id']}: {product}: {path}")
        for product, text in failed.items():
            print(f"{source['id']}: {product} was not built: {text}")
        set_entry(jobs, source, **{**entry, "status": "downloaded", "folder": target, "failed": failed})


def main():
    # The user ID is the e-mail address registered with the UKSSDC (not a secret).
    user_id = os.environ.get("SWIFT_XRT_USER_ID") or USER_ID or input("UKSSDC user ID (your registered e-mail address): ")
    folder = sys.argv[1] if len(sys.argv) > 1 else HERE
    claim_lock()
    jobs = load_jobs()
    live = {}
    given_up = set()
    while True:
        settle_uncertain(user_id, jobs)
        queued = [s for s in SOURCES if entry_of(jobs, s)["status"] == "queued"]
        # The service is asked before each submission; a submission is followed by the next question.
        if queued and has_room(user_id):
            submit(user_id, jobs, queued[0], live)
            continue
        collect(user_id, jobs, live, folder, given_up)
        states = [entry_of(jobs, s)["status"] for s in SOURCES]
        waiting = "queued" in states or "sending" in states
        following = any(entry_of(jobs, s)["status"] == "submitted" and s["id"] not in given_up for s in SOURCES)
        if not waiting and not following:
            break
        time.sleep(WAIT_SECONDS if waiting else POLL_SECONDS)
    states = [entry_of(jobs, s)["status"] for s in SOURCES]
    counts = ", ".join(f"{states.count(s)} {s}" for s in ("downloaded", "submitted", "refused", "undecided") if states.count(s))
    print(f"Campaign {CAMPAIGN_FILE}: {counts} of {len(SOURCES)} sources; the jobs are listed in {JOBS_FILE}.")
    sys.exit(0 if states.count("downloaded") == len(SOURCES) else 1)
`;
