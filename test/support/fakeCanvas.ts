// A stand-in for the canvas the light-curve plot draws on (media/src/viewer/plotDraw.ts), for unit tests
// on Node, which has neither a canvas nor Path2D: the paths record their line segments and rectangles,
// and the context records which paths it stroked and filled.

type Point = readonly [number, number];

/** A line from `from` to `to`, in the coordinates the path was given. */
export interface Segment {
  readonly from: Point;
  readonly to: Point;
}

/** Implements the Path2D calls plotDraw makes (moveTo, lineTo, rect), recording them. */
export class RecordingPath2D {
  readonly segments: Segment[] = [];
  readonly rects: (readonly [number, number, number, number])[] = [];
  private pen: Point | undefined;

  moveTo(x: number, y: number): void {
    this.pen = [x, y];
  }

  lineTo(x: number, y: number): void {
    if (!this.pen) throw new Error('lineTo before moveTo: a canvas would start the path here, plotDraw never means to');
    this.segments.push({ from: this.pen, to: [x, y] });
    this.pen = [x, y];
  }

  rect(x: number, y: number, width: number, height: number): void {
    this.rects.push([x, y, width, height]);
  }
}

/** The context calls plotDraw makes; what it strokes and fills is kept in order. */
export class RecordingContext {
  readonly stroked: RecordingPath2D[] = [];
  readonly filled: RecordingPath2D[] = [];
  strokeStyle = '';
  fillStyle = '';
  lineWidth = 1;
  globalCompositeOperation = 'source-over';

  save(): void {}
  restore(): void {}
  translate(): void {}
  beginPath(): void {}
  rect(): void {}
  clip(): void {}

  stroke(path: RecordingPath2D): void {
    this.stroked.push(path);
  }

  fill(path: RecordingPath2D): void {
    this.filled.push(path);
  }

  /** This recorder as the context type plotDraw takes: it implements only the members plotDraw uses. */
  get context(): CanvasRenderingContext2D {
    return this as unknown as CanvasRenderingContext2D;
  }
}

/** Makes `new Path2D()` build a RecordingPath2D until the returned function is called. */
export function installRecordingPath2D(): () => void {
  const scope = globalThis as { Path2D?: unknown };
  const previous = scope.Path2D;
  scope.Path2D = RecordingPath2D;
  return () => {
    if (previous === undefined) delete scope.Path2D;
    else scope.Path2D = previous;
  };
}
