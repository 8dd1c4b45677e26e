// The engine's typed listeners: who listens to which event, and delivery in the order of `on`.
import type { EngineEventMap, EngineEventName } from './engine-api';

type Listener<E extends EngineEventName> = (payload: EngineEventMap[E]) => void;
type Listeners = { [E in EngineEventName]: Set<Listener<E>> };

export class EngineEvents {
  private readonly listeners: Listeners = {
    'status-changed': new Set(),
    progressed: new Set(),
    removed: new Set(),
  };

  /** Returns the function that stops this listener. */
  on<E extends EngineEventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends EngineEventName>(event: E, payload: EngineEventMap[E]): void {
    for (const listener of this.listeners[event] as Set<Listener<E>>) listener(payload);
  }
}
