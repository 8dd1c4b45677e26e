// Read-only Settings section: where browser extensions (Aria2 Explorer, Aria2 Integration, AriaNg)
// connect to hand over downloads, and the secret they need. Asked for each time Settings opens.
import { useEffect, useState } from 'react';
import type { RpcEndpointInfo as EndpointInfo } from '../../src-shared/ipc-contract';
import { useCommands } from '../app-context';

export function RpcEndpointDetails({ info }: { info: EndpointInfo }) {
  return (
    <section className="field" aria-labelledby="rpc-endpoint-title">
      <span id="rpc-endpoint-title">Browser extensions (aria2 RPC)</span>
      {info.enabled ? (
        <>
          <input type="text" readOnly aria-label="RPC endpoint" value={info.url} />
          <input type="text" readOnly aria-label="RPC secret" value={info.secret} />
          <small className="hint">Paste both into Aria2 Explorer, Aria2 Integration or AriaNg.</small>
        </>
      ) : (
        <small className="hint">{info.message}</small>
      )}
    </section>
  );
}

export function RpcEndpointInfo({ open }: { open: boolean }) {
  const commands = useCommands();
  const [info, setInfo] = useState<EndpointInfo | undefined>(undefined);
  useEffect(() => {
    if (!open) return;
    let current = true;
    void commands.rpcEndpoint().then((value) => {
      if (current) setInfo(value);
    });
    return () => {
      current = false;
    };
  }, [open, commands]);
  return info ? <RpcEndpointDetails info={info} /> : null;
}
