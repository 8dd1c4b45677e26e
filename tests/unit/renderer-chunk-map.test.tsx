import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChunkMap } from '../../src-renderer/components/ChunkMap';
import { SpeedGraph } from '../../src-renderer/components/SpeedGraph';
import { chunk } from './renderer-fixtures';

describe('chunk map', () => {
  it("draws each chunk's span in proportion to its byte range, filled as far as it is written", () => {
    const html = renderToStaticMarkup(
      <ChunkMap chunks={[chunk(0, 0, 99, 100), chunk(1, 100, 399, 150)]} totalBytes={400} />,
    );
    expect(html).toContain('left:0%;width:25%');
    expect(html).toContain('left:25%;width:75%');
    expect(html).toContain('transform:scaleX(1)');
    expect(html).toContain('transform:scaleX(0.5)');
    expect(html).toContain('aria-label="2 chunks across 400 B"');
  });

  it('says when there is no plan yet instead of drawing an empty bar', () => {
    expect(renderToStaticMarkup(<ChunkMap chunks={[]} totalBytes={undefined} />)).toContain(
      'The chunk plan appears once the server has answered.',
    );
  });
});

describe('speed graph', () => {
  it('plots the samples scaled to the peak and names the current and peak speed', () => {
    const html = renderToStaticMarkup(<SpeedGraph samples={[0, 1024, 2048]} />);
    expect(html).toContain('points="0.0,60.0 150.0,32.0 300.0,4.0"');
    expect(html).toContain('now 2.0 KiB/s, peak 2.0 KiB/s');
  });
});
