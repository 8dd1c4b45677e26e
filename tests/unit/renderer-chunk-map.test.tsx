import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChunkSnapshot } from '../../src-shared/download-types';
import { ChunkMap } from '../../src-renderer/components/ChunkMap';
import { ChunkTable } from '../../src-renderer/components/ChunkTable';
import { rowWindow } from '../../src-renderer/lib/row-window';
import { SpeedGraph } from '../../src-renderer/components/SpeedGraph';
import { chunk } from './renderer-fixtures';

describe('segment bar', () => {
  it('draws one continuous run for written bytes and a marker at each connection, not a box per chunk', () => {
    const chunks: ChunkSnapshot[] = [
      chunk(0, 0, 99, 100),
      chunk(1, 100, 199, 100),
      { ...chunk(2, 200, 399, 100), status: 'active' },
    ];
    const html = renderToStaticMarkup(<ChunkMap chunks={chunks} totalBytes={400} />);
    expect(html.match(/class="segment segment-written"/g)).toHaveLength(1);
    expect(html).toContain('left:0%;width:75%');
    expect(html).toContain('class="segment-marker marker-active" data-chunk-id="2"');
    expect(html).toContain('aria-label="2 of 3 chunks done across 400 B, 1 connection downloading"');
    expect(html).toContain('Connection downloading');
    expect(html).toContain('Waiting to retry');
  });

  it('shows a chunk waiting to retry differently from an active one', () => {
    const waiting: ChunkSnapshot = { ...chunk(0, 0, 99, 40), status: 'retry-wait' };
    const html = renderToStaticMarkup(<ChunkMap chunks={[waiting]} totalBytes={100} />);
    expect(html).toContain('class="segment segment-retry-wait" style="left:40%;width:60%"');
    expect(html).toContain('marker-retry-wait');
    expect(html).not.toContain('marker-active');
    expect(html).toContain('1 waiting to retry');
  });

  it('stays a handful of elements for 2,560 chunks', () => {
    const many = Array.from({ length: 2560 }, (_, i) =>
      chunk(i, i * 1000, i * 1000 + 999, i < 2000 ? 1000 : i < 2008 ? 500 : 0),
    ).map((c, i): ChunkSnapshot => (i >= 2008 ? { ...c, status: 'pending' } : c));
    const html = renderToStaticMarkup(<ChunkMap chunks={many} totalBytes={2_560_000} />);
    expect(html.match(/class="segment /g)?.length ?? 0).toBeLessThanOrEqual(9);
    expect(html.match(/segment-marker/g)).toHaveLength(8);
  });

  it('says when there is no plan yet instead of drawing an empty bar', () => {
    expect(renderToStaticMarkup(<ChunkMap chunks={[]} totalBytes={undefined} />)).toContain(
      'The chunk plan appears once the server has answered.',
    );
  });
});

describe('chunk table', () => {
  it('renders only the rows in view of a 2,560-chunk download', () => {
    const many = Array.from({ length: 2560 }, (_, i) => chunk(i, i * 1000, i * 1000 + 999, 0));
    const html = renderToStaticMarkup(<ChunkTable chunks={many} />);
    const rows = html.match(/class="chunk-row /g)?.length ?? 0;
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(30);
    expect(html).toContain('aria-rowcount="2561"');
  });

  it('windows rows around the scroll position', () => {
    expect(rowWindow(0, 260, 26, 2560)).toEqual({ first: 0, end: 16, padTop: 0, padBottom: 2544 * 26 });
    expect(rowWindow(26 * 1000, 260, 26, 2560)).toMatchObject({ first: 994, end: 1016 });
    expect(rowWindow(26 * 5000, 260, 26, 2560)).toMatchObject({ first: 2560, end: 2560, padBottom: 0 });
    expect(rowWindow(0, 260, 26, 3)).toEqual({ first: 0, end: 3, padTop: 0, padBottom: 0 });
  });
});

describe('speed graph', () => {
  it('plots the samples scaled to the peak and names the current and peak speed', () => {
    const html = renderToStaticMarkup(<SpeedGraph samples={[0, 1024, 2048]} />);
    expect(html).toContain('points="0.0,60.0 150.0,32.0 300.0,4.0"');
    expect(html).toContain('now 2.0 KiB/s, peak 2.0 KiB/s');
  });
});
