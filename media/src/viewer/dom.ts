// Element construction that can only insert text: strings become text nodes, never markup, so names
// and values from the services show literally.

type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  readonly className?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly title?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options?: ElementOptions | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options?.className) element.className = options.className;
  if (options?.title) element.title = options.title;
  for (const [name, value] of Object.entries(options?.attrs ?? {})) element.setAttribute(name, value);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function button(label: string, onClick: () => void, options?: ElementOptions & { readonly pressed?: boolean; readonly disabled?: boolean }): HTMLButtonElement {
  const b = el('button', { ...options, attrs: { type: 'button', ...(options?.attrs ?? {}) } }, label);
  if (options?.pressed !== undefined) b.setAttribute('aria-pressed', String(options.pressed));
  if (options?.disabled) b.disabled = true;
  b.addEventListener('click', onClick);
  return b;
}

/** A toggle button whose state is `aria-pressed`; returns a setter for programmatic changes. */
export function toggleButton(label: string, initial: boolean, onChange: (on: boolean) => void, options?: ElementOptions & { readonly disabled?: boolean }): HTMLButtonElement {
  const b = button(
    label,
    () => {
      const on = b.getAttribute('aria-pressed') !== 'true';
      b.setAttribute('aria-pressed', String(on));
      onChange(on);
    },
    { ...options, className: `toggle ${options?.className ?? ''}`.trim(), pressed: initial },
  );
  return b;
}
