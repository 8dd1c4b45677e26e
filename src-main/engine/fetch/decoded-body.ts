// A whole-file response that a server compressed despite `Accept-Encoding: identity` is decoded on
// its way to the writer, never saved as compressed bytes. Rare, so it may copy, and zlib loads only
// then: every chunk worker would otherwise pay for it at start-up.
import { once } from 'node:events';
import type zlib from 'node:zlib';
import { DownloadError } from '../errors';
import type { BodySink, SinkVerdict } from './http1-exchange';

type Zlib = typeof zlib;
const DECODERS: Record<string, (z: Zlib) => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: (z) => z.createGunzip(),
  'x-gzip': (z) => z.createGunzip(),
  deflate: (z) => z.createInflate(),
  br: (z) => z.createBrotliDecompress(),
};

export interface DecodingSink extends BodySink {
  /** The compressed body ended: resolves once every decoded byte went to the target. */
  finish(): Promise<void>;
}

/** A sink that decodes into `target`; undefined for an encoding this client cannot decode. */
export async function decodingSink(encoding: string, target: BodySink): Promise<DecodingSink | undefined> {
  const create = DECODERS[encoding.trim().toLowerCase()];
  if (!create) return undefined;
  const decoder = create(await import('node:zlib'));
  let failure: DownloadError | undefined;
  let stopped = false;
  decoder.on('error', (err) => {
    failure = new DownloadError('NETWORK', `the compressed body is damaged: ${err.message}`, {
      retryable: true,
    });
  });
  decoder.on('data', (chunk: Buffer) => {
    const verdict = target.write(chunk, 0, chunk.length);
    if (verdict === 'stop') {
      stopped = true;
      decoder.destroy();
    } else if (verdict === 'pause') {
      decoder.pause();
      void target.drained().then(() => decoder.resume());
    }
  });
  const ended = once(decoder, 'end').catch(() => undefined);
  return {
    write(buf: Buffer, start: number, end: number): SinkVerdict {
      if (failure || stopped) return 'stop';
      return decoder.write(Buffer.from(buf.subarray(start, end))) ? 'more' : 'pause';
    },
    drained(): Promise<void> {
      return failure || stopped
        ? Promise.resolve()
        : once(decoder, 'drain').then(
            () => undefined,
            () => undefined,
          );
    },
    async finish(): Promise<void> {
      if (!stopped && !failure) {
        decoder.end();
        await ended;
      }
      if (failure) throw failure;
    },
  };
}
