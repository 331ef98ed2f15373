// A stand-in for swifttools' `xrt_prods` (1.12), written into a temporary folder so an exported campaign
// script can be RUN by python3 with that folder first on PYTHONPATH. It offers what the script may use of
// the real client — `XRTProductRequest` (setGlobalPars, the seven add… methods, submit, JobID, URL,
// submitError, checkProductStatus, downloadProducts, copyOldJob) and the module functions countActiveJobs
// and listOldJobs, with the real signatures and return shapes (swifttools/ukssdc/xrt_prods/prod_request.py)
// — and nothing else, so a call the real client lacks fails the run.
//
// Its "service" is a JSON file (FAKE_XRT_SERVICE), shared by successive runs as the real service would be:
// the jobs made, a simulated clock, and a record of every call. `time.sleep` and `time.time` are replaced
// when the module loads: a sleep moves the clock on at once, and a job finishes DURATION simulated seconds
// after it was made, so a campaign of minutes runs in a fraction of a second. Names listed in the
// service's options make a submission be refused, fail after the job was made (a reset connection) or
// before it was made, or stop the script (a crash) after the job was made.
import * as fs from 'node:fs';
import * as path from 'node:path';

const FAKE_MODULE = String.raw`
import json
import os
import time
from datetime import datetime, timezone

_SERVICE = os.environ["FAKE_XRT_SERVICE"]
_LONG = {
    "addLightCurve": "LightCurve",
    "addSpectrum": "Spectrum",
    "addStandardPos": "StandardPos",
    "addEnhancedPos": "EnhancedPos",
    "addAstromPos": "AstromPos",
    "addImage": "Image",
    "addSourceDet": "SourceDet",
}


def _load():
    with open(_SERVICE, encoding="utf-8") as f:
        return json.load(f)


def _save(service):
    with open(_SERVICE, "w", encoding="utf-8") as f:
        json.dump(service, f, indent=1)


def _event(service, kind, **details):
    service["events"].append({"kind": kind, "clock": service["clock"], **details})


def _active(service):
    return sum(1 for j in service["jobs"] if j["finishAt"] > service["clock"])


def _sleep(seconds):
    service = _load()
    service["clock"] += seconds
    _event(service, "sleep", seconds=seconds)
    _save(service)


def _time():
    return _load()["clock"]


time.sleep = _sleep
time.time = _time


def countActiveJobs(userID):
    service = _load()
    active = _active(service)
    _event(service, "count", user=userID, active=active)
    _save(service)
    return active


def listOldJobs(userID):
    service = _load()
    _event(service, "list", user=userID)
    _save(service)
    rows = []
    for job in reversed(service["jobs"]):
        row = {
            "JobID": job["JobID"],
            "Name": job["Name"],
            "DateSubmitted": datetime.fromtimestamp(job["madeAt"], timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
            "hasProd": True,
        }
        for long in _LONG.values():
            if long != "SourceDet":
                row[long] = long in job["products"]
        rows.append(row)
    return rows


class XRTProductRequest:
    def __init__(self, user, JSONVals=None, fromServer=False, silent=True, useDeprecate=None, showDepWarnings=True):
        self._user = user
        self._calls = []
        self._job = None
        self._error = None

    def setGlobalPars(self, **globPars):
        self._calls.append({"method": "setGlobalPars", "kwargs": globPars})

    def _add(self, method, pars):
        self._calls.append({"method": method, "kwargs": pars})

    def addLightCurve(self, clobber=False, **lcArgs):
        self._add("addLightCurve", lcArgs)

    def addSpectrum(self, clobber=False, **specArgs):
        self._add("addSpectrum", specArgs)

    def addStandardPos(self, clobber=False, **psfArgs):
        self._add("addStandardPos", psfArgs)

    def addEnhancedPos(self, clobber=False, **enhArgs):
        self._add("addEnhancedPos", enhArgs)

    def addAstromPos(self, clobber=False, **xastromArgs):
        self._add("addAstromPos", xastromArgs)

    def addImage(self, clobber=False, **imageArgs):
        self._add("addImage", imageArgs)

    def addSourceDet(self, clobber=False, **sourceDetArgs):
        self._add("addSourceDet", sourceDetArgs)

    def _name(self):
        for call in self._calls:
            if call["method"] == "setGlobalPars":
                return call["kwargs"].get("name")
        return None

    def submit(self, updateProds=True):
        if self._job is not None:
            raise RuntimeError("Cannot submit a request that has already been submitted.")
        service = _load()
        name = self._name()
        options = service["options"]
        _event(service, "submit", user=self._user, name=name, activeBefore=_active(service), calls=self._calls)
        if name in options.get("refuse", []):
            _save(service)
            self._error = "The request was refused: a test refusal.\n"
            return False
        if name in options.get("failBeforeMade", []) and name not in service["failed"]:
            service["failed"].append(name)
            _save(service)
            raise ConnectionError("Connection refused (fake)")
        job = {
            "JobID": service["nextJobID"],
            "Name": name,
            "products": [_LONG[c["method"]] for c in self._calls if c["method"] in _LONG],
            "madeAt": service["clock"],
            "finishAt": service["clock"] + options["duration"],
        }
        service["nextJobID"] += 1
        service["jobs"].append(job)
        _event(service, "made", name=name, JobID=job["JobID"])
        if name in options.get("failAfterMade", []) and name not in service["failed"]:
            service["failed"].append(name)
            _save(service)
            raise ConnectionError("Connection reset by peer (fake)")
        if name in options.get("crashAfterMade", []) and name not in service["failed"]:
            service["failed"].append(name)
            _save(service)
            raise KeyboardInterrupt("the script is stopped (fake crash)")
        _save(service)
        self._job = job["JobID"]
        return True

    @property
    def JobID(self):
        if self._job is None:
            raise RuntimeError("JobID is not set until the request is successfully submitted")
        return self._job

    @property
    def URL(self):
        return f"https://fake.example/user_objects/{self.JobID}"

    @property
    def submitError(self):
        if self._error is None:
            raise RuntimeError("There is no submitError unless request submission failed, which it didn't")
        return self._error

    def _record(self):
        service = _load()
        for job in service["jobs"]:
            if job["JobID"] == self._job:
                return service, job
        raise RuntimeError(f"no job {self._job}")

    def copyOldJob(self, oldJobID, becomeThis=False):
        self._job = oldJobID
        service, job = self._record()
        _event(service, "copyOldJob", JobID=oldJobID, becomeThis=becomeThis)
        _save(service)

    def checkProductStatus(self, what="all"):
        service, job = self._record()
        _event(service, "status", JobID=self._job)
        _save(service)
        done = service["clock"] >= job["finishAt"]
        failing = job["Name"] in service["options"].get("failProducts", [])
        status = {}
        for product in job["products"]:
            if not done:
                status[product] = {"statusCode": 2, "statusText": "Running"}
            elif failing and product == "Spectrum":
                status[product] = {"statusCode": -1, "statusText": "Failed (fake)"}
            else:
                status[product] = {"statusCode": 4, "statusText": "Complete"}
        return status

    def downloadProducts(self, dir, what="all", silent=True, format="tar.gz", stem=None, clobber=False):
        service, job = self._record()
        _event(service, "download", JobID=self._job, dir=dir, what=what)
        _save(service)
        out = {}
        for product in what:
            path = os.path.join(dir, f"{product}.{format}")
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"job {self._job} {product}")
            out[product] = path
        return out
`;

export interface FakeServiceOptions {
  /** Simulated seconds from a job's submission to its products being done. */
  readonly duration: number;
  readonly refuse?: readonly string[];
  readonly failBeforeMade?: readonly string[];
  readonly failAfterMade?: readonly string[];
  readonly crashAfterMade?: readonly string[];
  /** Jobs of these names end with their spectrum failed. */
  readonly failProducts?: readonly string[];
}

export type FakeEvent = { readonly kind: string; readonly clock: number } & Readonly<Record<string, unknown>>;

export interface FakeJob {
  readonly JobID: number;
  readonly Name: string;
  readonly products: readonly string[];
  readonly madeAt: number;
  readonly finishAt: number;
}

export interface FakeService {
  readonly clock: number;
  readonly nextJobID: number;
  readonly jobs: readonly FakeJob[];
  readonly events: readonly FakeEvent[];
  readonly options: FakeServiceOptions;
}

/** Writes the fake package under `dir` (swifttools/xrt_prods) and a fresh service file; returns its path. */
export function installFakeXrtProds(dir: string, options: FakeServiceOptions): string {
  const pkg = path.join(dir, 'swifttools', 'xrt_prods');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(dir, 'swifttools', '__init__.py'), '');
  fs.writeFileSync(path.join(pkg, '__init__.py'), FAKE_MODULE);
  const serviceFile = path.join(dir, 'service.json');
  // A clock of 2026-12-03 09:00 UTC, in seconds.
  const service = { clock: Date.parse('2026-12-03T09:00:00Z') / 1000, nextJobID: 1000, jobs: [], events: [], failed: [], options };
  fs.writeFileSync(serviceFile, JSON.stringify(service));
  return serviceFile;
}

export function readFakeService(serviceFile: string): FakeService {
  return JSON.parse(fs.readFileSync(serviceFile, 'utf8')) as FakeService;
}
