// A stand-in for the parts of the `vscode` API that the tree code constructs, so the tree can be timed
// (the benchmark) and tested (test/unit/xrt/views, see esbuild.js) on plain Node. Shapes only; no
// behaviour beyond storing what it is given.
export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  constructor(
    public label: string,
    public collapsibleState = 0,
  ) {}
}

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;

export class ThemeIcon {
  constructor(
    public id: string,
    public color?: ThemeColor,
  ) {}
}

export class ThemeColor {
  constructor(public id: string) {}
}

export class MarkdownString {
  value = '';
  constructor(value?: string) {
    this.value = value ?? '';
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
}

export class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of this.listeners) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** Enough of `vscode.Uri` for the rows of a campaign (file URIs only). */
export const Uri = {
  parse: (value: string) => ({ fsPath: decodeURIComponent(value.replace(/^file:\/\//, '')), toString: () => value }),
};
