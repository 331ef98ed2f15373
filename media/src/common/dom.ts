// The one DOM builder of the webviews. It can only insert text: strings become text nodes, never
// markup, and attributes are set one by one (event-handler attributes are refused), so names and
// values from the services show literally and cannot add anything that runs.

/** Attributes by name: `undefined`, `null` and `false` leave one out, `true` sets it empty. */
type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;
/** Text, nodes, nothing (skipped), or lists of these (flattened). */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttrs(element: Element, attrs: Attrs | null | undefined): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (/^on/i.test(name)) throw new Error(`refusing the event-handler attribute ${name}: use addEventListener`);
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** Appends children in order; strings and numbers become text nodes. */
function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    // Array.isArray does not narrow a readonly array type, hence the cast.
    if (Array.isArray(child)) append(parent, ...(child as readonly Child[]));
    else
      parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : (child as Node));
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  append(element, ...children);
  return element;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttrs(element, attrs);
  append(element, ...children);
  return element;
}

/** A `type="button"` button; `attrs` may add e.g. `class`, `title`, `disabled` or `aria-pressed`. */
export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** A toggle button whose state is `aria-pressed`. */
export function toggleButton(label: string, initial: boolean, onChange: (on: boolean) => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = button(
    label,
    () => {
      const on = b.getAttribute('aria-pressed') !== 'true';
      b.setAttribute('aria-pressed', String(on));
      onChange(on);
    },
    { ...attrs, class: `toggle ${String(attrs.class ?? '')}`.trim(), 'aria-pressed': String(initial) },
  );
  return b;
}
