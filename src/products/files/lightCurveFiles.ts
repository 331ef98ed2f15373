// Recognises the light-curve datasets (test/fixtures/protocol/xrt-products.md §11.2 names: `<mode><what><_nosys><_incbad>`) in the QDP
// tables of the `lc/` folder. The server's exact section headers are unknown (§13.3), so the dataset
// is taken from the section name when it follows the wire grammar (what the sandbox writes), else
// from the file name (`PCUL_incbad.qdp`, `WTHR.qdp`, …) and words in the section comments ("hard",
// "soft", "ratio", "upper limit"). Tables that fit neither are kept, unclassified.
import type { LightCurveKind, XrtMode } from '../../shared/viewModel';
import { rawColumns, type QdpFile, type QdpTable } from './qdp';

export interface LcFileDataset {
  /** Wire-style name, e.g. `PC`, `WTUL`, `PCHR_nosys_incbad`. */
  readonly name: string;
  readonly mode: XrtMode;
  readonly kind: LightCurveKind;
  readonly nosys: boolean;
  readonly incbad: boolean;
  /** Flat columns under the wire's names (`Time`, `TimePos`, `TimeNeg`, `Rate`, …). */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** Column names in file order. */
  readonly columnOrder: readonly string[];
  readonly rowCount: number;
  /** Table name inside the file. */
  readonly table: string;
}

const KIND_BY_SUFFIX: Readonly<Record<string, LightCurveKind>> = {
  '': 'detections',
  UL: 'upper-limits',
  Hard: 'hard',
  Soft: 'soft',
  HR: 'hardness-ratio',
};
const SUFFIX_BY_KIND: Readonly<Record<LightCurveKind, string>> = {
  detections: '',
  'upper-limits': 'UL',
  hard: 'Hard',
  soft: 'Soft',
  'hardness-ratio': 'HR',
};

/** Older column names (xrt_prods' deprecated mode, older server files) → current wire names (§11.2). */
const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  'T_+ve': 'TimePos',
  'T_-ve': 'TimeNeg',
  Ratepos: 'RatePos',
  Rateneg: 'RateNeg',
  BGRate: 'BGrate',
  BGErr: 'BGerr',
};

const DATASET_NAME = /^(WT|PC)(UL|Hard|Soft|HR)?(_nosys)?(_incbad)?$/;
const FILE_NAME = /^(WT|PC)(CURVE|UL|HR)(_nosys)?(_incbad)?\.qdp$/i;

interface Identity {
  readonly mode: XrtMode;
  readonly kind: LightCurveKind;
  readonly nosys: boolean;
  readonly incbad: boolean;
}

function fromTableName(name: string): Identity | undefined {
  const m = DATASET_NAME.exec(name);
  if (!m) return undefined;
  return { mode: m[1] as XrtMode, kind: KIND_BY_SUFFIX[m[2] ?? '']!, nosys: m[3] !== undefined, incbad: m[4] !== undefined };
}

function kindFromWords(text: string): LightCurveKind | undefined {
  const t = text.toLowerCase();
  if (/upper[ -]?limit/.test(t)) return 'upper-limits';
  if (/hardness|ratio/.test(t)) return 'hardness-ratio';
  if (/\bhard\b/.test(t)) return 'hard';
  if (/\bsoft\b/.test(t)) return 'soft';
  return undefined;
}

function modeFromWords(text: string): XrtMode | undefined {
  const m = /\b(WT|PC)\b/.exec(text);
  return m ? (m[1] as XrtMode) : undefined;
}

function fromContext(fileName: string, table: QdpTable, index: number, tableCount: number): Identity | undefined {
  const words = [table.name, ...table.comments].join(' ');
  const file = FILE_NAME.exec(fileName);
  if (file) {
    const mode = file[1]!.toUpperCase() as XrtMode;
    const nosys = file[3] !== undefined;
    const incbad = file[4] !== undefined;
    const what = file[2]!.toUpperCase();
    if (what === 'CURVE') return { mode, kind: 'detections', nosys, incbad };
    if (what === 'UL') return { mode, kind: 'upper-limits', nosys, incbad };
    // `…HR.qdp` holds the hard band, the soft band and the ratio (§13.3), in that order when unnamed.
    const kind = kindFromWords(words) ?? (tableCount === 3 ? (['hard', 'soft', 'hardness-ratio'] as const)[index] : undefined);
    return kind ? { mode, kind, nosys, incbad } : undefined;
  }
  // `curve.qdp` and other files: the comments must say which mode; detections unless they say otherwise.
  const mode = modeFromWords(words);
  if (!mode) return undefined;
  return {
    mode,
    kind: kindFromWords(words) ?? 'detections',
    nosys: /nosys|no (WT )?systematic/i.test(words),
    incbad: /incbad|unverified/i.test(words),
  };
}

function datasetName(id: Identity): string {
  return `${id.mode}${SUFFIX_BY_KIND[id.kind]}${id.nosys ? '_nosys' : ''}${id.incbad ? '_incbad' : ''}`;
}

/** The datasets of one parsed QDP file; `fileName` is its base name (e.g. `PCHR_incbad.qdp`). */
export function lightCurveDatasets(file: QdpFile, fileName: string): { datasets: LcFileDataset[]; unrecognised: string[] } {
  const datasets: LcFileDataset[] = [];
  const unrecognised: string[] = [];
  file.tables.forEach((table, index) => {
    const id = fromTableName(table.name) ?? fromContext(fileName, table, index, file.tables.length);
    if (!id) {
      unrecognised.push(table.name);
      return;
    }
    const columns: Record<string, Float64Array> = {};
    const columnOrder: string[] = [];
    for (const column of rawColumns(table)) {
      const name = COLUMN_ALIASES[column.name] ?? column.name;
      columns[name] = column.values;
      columnOrder.push(name);
    }
    datasets.push({ name: datasetName(id), ...id, columns, columnOrder, rowCount: table.rowCount, table: table.name });
  });
  return { datasets, unrecognised };
}
