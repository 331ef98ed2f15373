// The one error every product-file parser throws, so callers can report the file and line of any
// malformed product without knowing which parser failed.

export class ProductParseError extends Error {
  constructor(
    message: string,
    /** 1-based line of the offending text; 0 when the problem concerns the whole file (e.g. empty). */
    readonly line: number,
    readonly fileName?: string,
  ) {
    super(`${fileName ?? 'product file'}${line > 0 ? `, line ${line}` : ''}: ${message}`);
    this.name = 'ProductParseError';
  }
}

export function isProductParseError(error: unknown): error is ProductParseError {
  return error instanceof ProductParseError;
}
