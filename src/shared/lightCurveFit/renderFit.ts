// Text and JSON renderings of a fit result (the viewer's "copy", the CLI's output).
import type { FitParameter, LightCurveFitResult } from './fitResult';
import { MAX_INDEX } from './fitProblem';

/** A number with `digits` significant figures, in exponent form when very large or small. */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(digits)));
  return v.toExponential(digits - 1);
}

function formatTime(t: number): string {
  return `${formatNumber(t)} s`;
}

/** A parameter's 90 % interval as the reports write it: `0.91 … 1.12`, a side the data do not bound said so. */
export function intervalText(p: FitParameter): string {
  // Where the search for the Δχ² = 2.706 crossing stopped (profileIntervals.ts, parameterLimits).
  const edge = p.name.startsWith('tbreak') ? 'within the data' : p.name === 'N' ? 'within a factor e^30' : `within ±${MAX_INDEX}`;
  const side = (v: number | null, unbounded: boolean): string =>
    v !== null ? formatNumber(v) : unbounded ? `unbounded (not constrained ${edge})` : 'not computed';
  return `${side(p.lower, p.lowerUnbounded)} … ${side(p.upper, p.upperUnbounded)}`;
}

/** The fitted law in words, as the text report writes it. */
export function modelFormula(result: Pick<LightCurveFitResult, 'model'>): string {
  const m = result.model;
  if (m.kind === 'constant') return 'F = N';
  if (m.kind === 'power-law') return 'F = N (t/t0)^-alpha1';
  return m.shape === 'sharp'
    ? 'F = N (t/t0)^-alpha1 … continuous, index alpha(i+1) after tbreak(i)'
    : `F = N (t/t0)^-alpha1 Π [(1+(t/tb_i)^ω)/(1+(t0/tb_i)^ω)]^-(alpha(i+1)-alpha(i))/ω, ω = ${m.smoothness} (fixed)`;
}

export function renderFitText(result: LightCurveFitResult): string {
  const s = result.statistic;
  const lines: string[] = [];
  lines.push(`Model: ${result.label}`);
  lines.push(`  ${modelFormula(result)}; t in s since T0, t0 = ${formatTime(result.pivot)}`);
  const datasets = [...new Set(result.residuals.filter((r) => !r.excluded).map((r) => r.dataset))].join(', ');
  lines.push(
    `Data: ${s.detections} detection bin(s) and ${s.upperLimits} upper limit(s) from ${datasets || 'no dataset'}, model averaged over each bin`,
  );
  if (result.exclusions.length > 0)
    lines.push(
      `Excluded: ${s.excluded} bin(s) in ${result.exclusions.map(([a, b]) => `${formatNumber(a)}–${formatNumber(b)} s`).join(', ')}`,
    );
  const reduced = s.dof > 0 ? ` (reduced ${formatNumber(s.value / s.dof, 3)})` : '';
  lines.push(
    `Statistic: chi2 = ${formatNumber(s.value, 6)} for ${s.dof} dof${reduced}; upper limits (as ${s.upperLimitSigmas}σ bounds) add ${formatNumber(s.upperLimitPenalty, 3)}`,
  );
  lines.push('');
  const rows = result.parameters.map((p) => [
    p.name,
    formatNumber(p.value),
    intervalText(p),
    p.covarianceError === null ? 'singular' : `±${formatNumber(p.covarianceError, 3)}`,
    p.unit,
  ]);
  const header = ['Parameter', 'Value', '90 % interval (χ² profile, Δχ² = 2.706)', '1σ (covariance)', 'Unit'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const row = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  lines.push(row(header));
  for (const r of rows) lines.push(row(r));
  if (result.comparison) {
    lines.push('');
    lines.push(`Model choice: ${result.comparison.rule}`);
    const best = Math.min(...result.comparison.models.map((m) => m.bic));
    const table = result.comparison.models.map((m) => [
      m.chosen ? '*' : ' ',
      m.label,
      formatNumber(m.chi2, 6),
      String(m.dof),
      formatNumber(m.bic, 6),
      formatNumber(m.bic - best, 3),
    ]);
    const head = [' ', 'Model', 'chi2', 'dof', 'BIC', 'ΔBIC'];
    const w = head.map((h, c) => Math.max(h.length, ...table.map((r) => r[c]!.length)));
    lines.push(
      head
        .map((h, c) => h.padEnd(w[c]!))
        .join('  ')
        .trimEnd(),
    );
    for (const r of table)
      lines.push(
        r
          .map((cell, c) => cell.padEnd(w[c]!))
          .join('  ')
          .trimEnd(),
      );
  }
  if (result.notes.length > 0) {
    lines.push('');
    for (const note of result.notes) lines.push(`Note: ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The result as JSON (unbounded sides are null with their `…Unbounded` flag set). */
export function renderFitJson(result: LightCurveFitResult, options: { readonly residuals?: boolean } = {}): string {
  const { residuals, ...rest } = result;
  return `${JSON.stringify(options.residuals === false ? rest : { ...rest, residuals }, null, 2)}\n`;
}

/** Where a fit's bins came from: the light curve's files (paths or service URLs) and the datasets fitted. */
export interface FitReportSource {
  readonly files: readonly string[];
  readonly datasets: readonly string[];
}

/**
 * The report as JSON, `{ source, ...result }`: what `node dist/cli.js fit --json` prints and the viewer's
 * "Copy JSON" copies, so a script reads both the same way.
 */
export function renderFitReportJson(result: LightCurveFitResult, source: FitReportSource): string {
  const body = JSON.parse(renderFitJson(result)) as Record<string, unknown>;
  return `${JSON.stringify({ source: { files: source.files, datasets: source.datasets }, ...body }, null, 2)}\n`;
}

/** The report as text: a line naming the light curve, then renderFitText (the CLI's output, the viewer's "Copy text"). */
export function renderFitReportText(result: LightCurveFitResult, source: FitReportSource): string {
  const files = source.files.length > 0 ? `${source.files.join(', ')} ` : '';
  return `Light curve: ${files}(datasets ${source.datasets.join(', ')})\n${renderFitText(result)}`;
}
