import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RpcEndpointDetails } from '../../src-renderer/components/RpcEndpointInfo';

describe('the RPC endpoint in Settings', () => {
  it('shows the endpoint and the secret, read-only, to paste into an extension', () => {
    const html = renderToStaticMarkup(
      <RpcEndpointDetails info={{ enabled: true, url: 'http://127.0.0.1:6800/jsonrpc', secret: 's3cr3t' }} />,
    );
    expect(html).toContain('value="http://127.0.0.1:6800/jsonrpc"');
    expect(html).toContain('value="s3cr3t"');
    expect(html.match(/readOnly=""|readonly=""/gi)?.length).toBe(2);
    expect(html).toContain('Aria2 Explorer');
  });

  it('says why there is no endpoint when it is off', () => {
    const html = renderToStaticMarkup(
      <RpcEndpointDetails
        info={{ enabled: false, message: 'The aria2 RPC endpoint is off: port 6800 is in use.' }}
      />,
    );
    expect(html).toContain('port 6800 is in use');
    expect(html).not.toContain('<input');
  });
});
