// An in-memory tar archive from entries with raw headers: what the sandbox serves, and what the
// hostile-archive tests need (any name, type or link target the format allows).
import * as tar from 'tar-stream';

export interface TarItem {
  readonly header: Partial<tar.Header> & { name: string };
  readonly data?: Buffer;
}

export function tarBuffer(items: readonly TarItem[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pack = tar.pack();
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => {
      if (c instanceof Uint8Array) chunks.push(Buffer.from(c));
    });
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
    for (const item of items) pack.entry(item.header, item.data ?? Buffer.alloc(0));
    pack.finalize();
  });
}
