// Plot colours come from VS Code's theme variables, read when drawing, so light, dark and
// high-contrast themes all get readable plots and a theme switch only needs a redraw.

export interface PlotColors {
  readonly foreground: string;
  readonly grid: string;
  readonly background: string;
  readonly wt: string;
  readonly pc: string;
  readonly hard: string;
  readonly soft: string;
  readonly font: string;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

export function plotColors(): PlotColors {
  const foreground = cssVar('--vscode-editor-foreground', cssVar('--vscode-foreground', '#cccccc'));
  const family = cssVar('--vscode-font-family', 'sans-serif');
  const size = cssVar('--vscode-font-size', '13px');
  return {
    foreground,
    grid: cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    wt: cssVar('--vscode-charts-blue', '#3794ff'),
    pc: cssVar('--vscode-charts-red', '#f14c4c'),
    hard: cssVar('--vscode-charts-orange', '#d18616'),
    soft: cssVar('--vscode-charts-green', '#89d185'),
    font: `${size} ${family}`,
  };
}

/** VS Code swaps the body's theme class (`vscode-light`, `vscode-dark`, `vscode-high-contrast`…) on a theme change. */
export function onThemeChange(callback: () => void): () => void {
  const observer = new MutationObserver(() => callback());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'style'] });
  return () => observer.disconnect();
}
