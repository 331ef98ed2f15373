// The tests run in VS Code's extension host, whose stdout is not ours; the test index writes mocha's
// report to a file instead, and this prints what is appended to it while the run goes on.
import * as fs from 'node:fs';

export interface ReportFollower {
  /** Prints whatever was appended since the last look. */
  flush(): void;
  stop(): void;
}

export function followReport(file: string, write: (text: string) => void = (t) => process.stdout.write(t)): ReportFollower {
  let printed = 0;
  const flush = (): void => {
    if (!fs.existsSync(file)) return;
    const content = fs.readFileSync(file);
    if (content.length > printed) {
      write(content.subarray(printed).toString('utf8'));
      printed = content.length;
    }
  };
  const timer = setInterval(flush, 300);
  return {
    flush,
    stop: () => {
      clearInterval(timer);
      flush();
    },
  };
}
