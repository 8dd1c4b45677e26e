import { describe, expect, it } from 'vitest';
import { DownloadError } from '../../src-main/engine/errors';
import { MAX_HEADER_BYTES, ResponseParser } from '../../src-main/engine/fetch/http1-parser';

/** Parses `pieces` as successive reads; collects the head, the body and where the message ended. */
function parse(pieces: string[], options: { closeAtEnd?: boolean } = {}) {
  const body: Buffer[] = [];
  const parser = new ResponseParser({
    body(buf, start, end) {
      body.push(Buffer.from(buf.subarray(start, end)));
      return true;
    },
  });
  let leftover = '';
  for (const piece of pieces) {
    const buf = Buffer.from(piece, 'latin1');
    let at = 0;
    while (at < buf.length && !parser.done) {
      const next = parser.execute(buf, at, buf.length);
      if (next === at) break;
      at = next;
    }
    leftover += buf.toString('latin1', at);
  }
  if (options.closeAtEnd) parser.finishOnClose();
  return { head: parser.head, body: Buffer.concat(body).toString('latin1'), done: parser.done, leftover };
}

function failure(run: () => unknown): DownloadError {
  try {
    run();
  } catch (err) {
    if (err instanceof DownloadError) return err;
    throw err;
  }
  throw new Error('expected a DownloadError');
}

const HEAD = 'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-9/100\r\nContent-Length: 10\r\n\r\n';

describe('ResponseParser: the header block', () => {
  it('reads status and headers, with lower-case names and repeated headers joined', () => {
    const { head } = parse(['HTTP/1.1 200 OK\r\nETag: "a"\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 0\r\n\r\n']);
    expect(head).toEqual({
      status: 200,
      headers: { etag: '"a"', 'x-a': '1, 2', 'content-length': '0' },
      keepAlive: true,
    });
  });

  it('reads a header block split across reads at every byte, including inside the final CRLFCRLF', () => {
    const text = `${HEAD}0123456789`;
    for (let cut = 1; cut < text.length; cut++) {
      const result = parse([text.slice(0, cut), text.slice(cut)]);
      expect(result.head?.headers['content-range']).toBe('bytes 0-9/100');
      expect(result.body).toBe('0123456789');
      expect(result.done).toBe(true);
    }
  });

  it('stops right after the header block so the caller can attach the body', () => {
    const parser = new ResponseParser({ body: () => true });
    const buf = Buffer.from(`${HEAD}0123`, 'latin1');
    expect(parser.execute(buf, 0, buf.length)).toBe(HEAD.length);
    expect(parser.head?.status).toBe(206);
  });

  it('skips interim 1xx responses', () => {
    const { head, body } = parse([
      `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${HEAD}0123456789`,
    ]);
    expect(head?.status).toBe(206);
    expect(body).toBe('0123456789');
  });

  it('fails a connection that closes inside the header block, as a retryable NETWORK error', () => {
    const error = failure(() => parse(['HTTP/1.1 206 Partial Content\r\nContent-Ran'], { closeAtEnd: true }));
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(error.message).toMatch(/before the response headers were complete/);
  });

  it('refuses a header block larger than the limit', () => {
    const big = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEADER_BYTES)}\r\n\r\n`;
    expect(failure(() => parse([big.slice(0, 1000), big.slice(1000)])).message).toMatch(/larger than 64 KiB/);
  });

  it.each([
    ['a garbage status line', 'HTTP/2 200 OK\r\n\r\n'],
    ['a folded header line', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n  continued\r\n\r\n'],
    ['whitespace before a colon', 'HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\n'],
    ['differing Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['a protocol switch nobody asked for', 'HTTP/1.1 101 Switching Protocols\r\n\r\n'],
  ])('refuses %s as a retryable PROTOCOL_ERROR', (_name, text) => {
    expect(failure(() => parse([text]))).toMatchObject({ code: 'PROTOCOL_ERROR', retryable: true });
  });
});

describe('ResponseParser: body framing', () => {
  it('ends a Content-Length body at its length and leaves what follows unread', () => {
    const result = parse([`${HEAD}0123456789EXTRA`]);
    expect(result.body).toBe('0123456789');
    expect(result.done).toBe(true);
    expect(result.leftover).toBe('EXTRA');
  });

  it('accepts a repeated identical Content-Length', () => {
    expect(parse(['HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc']).body).toBe('abc');
  });

  it('reports a Content-Length body cut short by a close as a retryable NETWORK error', () => {
    const error = failure(() => parse([`${HEAD}01234`], { closeAtEnd: true }));
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(error.message).toMatch(/before the response body was complete/);
  });

  it('reads a body without a length until the connection closes, and never reuses that connection', () => {
    const result = parse(['HTTP/1.1 200 OK\r\n\r\nabc', 'def'], { closeAtEnd: true });
    expect(result).toMatchObject({ body: 'abcdef', done: true });
    expect(result.head?.keepAlive).toBe(false);
  });

  it('decodes chunked bodies split anywhere, with extensions and trailers', () => {
    const text =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;name=x\r\nabcd\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const result = parse([text.slice(0, cut), text.slice(cut)]);
      expect(result.body).toBe('abcd0123456789');
      expect(result.done).toBe(true);
    }
  });

  it('prefers chunked over Content-Length and then refuses to reuse the connection', () => {
    const result = parse([
      'HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n',
    ]);
    expect(result.body).toBe('hi');
    expect(result.head?.keepAlive).toBe(false);
  });

  it('refuses a chunk longer than its declared size and a bad chunk size', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    expect(failure(() => parse([`${head}2\r\nabc\r\n0\r\n\r\n`])).message).toMatch(/longer than its size/);
    expect(failure(() => parse([`${head}zz\r\n`])).message).toMatch(/chunk size/);
    expect(failure(() => parse([`${head}zz\r\n`])).code).toBe('PROTOCOL_ERROR');
  });

  it('fails a chunked body cut short by a close', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    expect(failure(() => parse([`${head}5\r\nab`], { closeAtEnd: true })).code).toBe('NETWORK');
  });

  it('gives 204 and 304 responses no body', () => {
    expect(parse(['HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n']).done).toBe(true);
  });

  it('stops inside the body when the consumer has all it wants', () => {
    const parser = new ResponseParser({ body: () => false });
    const buf = Buffer.from(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n',
    );
    const afterHead = parser.execute(buf, 0, buf.length);
    expect(buf.toString('latin1', parser.execute(buf, afterHead, buf.length))).toMatch(/^\r\n2\r\ncd/);
    expect(parser.done).toBe(false);
  });

  it('honours Connection: close on HTTP/1.1 and keep-alive on HTTP/1.0', () => {
    expect(parse(['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n']).head?.keepAlive).toBe(
      false,
    );
    expect(parse(['HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n']).head?.keepAlive).toBe(false);
    expect(
      parse(['HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n']).head?.keepAlive,
    ).toBe(true);
  });
});

describe('ResponseParser plain body bytes (how much a read may bring that is all body)', () => {
  function parserAfter(text: string): ResponseParser {
    const parser = new ResponseParser({ body: () => true });
    const buf = Buffer.from(text, 'latin1');
    parser.execute(buf, 0, buf.length);
    return parser;
  }

  it('is what a Content-Length body has left', () => {
    const parser = parserAfter(HEAD);
    expect(parser.plainBodyBytes).toBe(10);
    parser.execute(Buffer.from('0123'), 0, 4);
    expect(parser.plainBodyBytes).toBe(6);
    parser.execute(Buffer.from('456789'), 0, 6);
    expect(parser.plainBodyBytes).toBe(0);
  });

  it('is the rest of the current chunk, and none while a chunk line or its CRLF is due', () => {
    const parser = parserAfter('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
    expect(parser.plainBodyBytes).toBe(0);
    parser.execute(Buffer.from('a\r\n01234'), 0, 8);
    expect(parser.plainBodyBytes).toBe(5);
    parser.execute(Buffer.from('56789'), 0, 5);
    expect(parser.plainBodyBytes).toBe(0);
  });

  it('is unbounded for a body that ends with the connection, and none before the head is complete', () => {
    expect(parserAfter('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n').plainBodyBytes).toBe(Infinity);
    expect(parserAfter('HTTP/1.1 200 OK\r\nContent-Len').plainBodyBytes).toBe(0);
  });
});
