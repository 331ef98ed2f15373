// A minimal event emitter for the stores (the XRT job registry, the TOO requests store), which must
// not depend on the vscode module so that they can be unit-tested on Node. Its `event` has the shape
// of a `vscode.Event` as far as the stores' listeners use it: a listener in, a disposable out.

type Listener<T> = (value: T) => void;

export type Event<T> = (listener: Listener<T>) => { dispose(): void };

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();
  /** Values fired while nobody listened, handed to the first listener (when `keepUnheard`). */
  private unheard: T[] = [];

  constructor(private readonly keepUnheard = false) {}

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    for (const value of this.unheard.splice(0)) listener(value);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    if (this.listeners.size === 0 && this.keepUnheard) this.unheard.push(value);
    for (const l of [...this.listeners]) l(value);
  }

  dispose(): void {
    this.listeners.clear();
    this.unheard = [];
  }
}
