// Problems the user should know about, in words; the code is a small detail. Each toast goes away by
// itself after a few seconds (not while pointed at or focused) and can be dismissed at once.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../app-context';
import { describeError } from '../lib/error-text';
import { createToastExpiry } from '../lib/toast-expiry';
import type { ToastExpiry, ToastTimers } from '../lib/toast-expiry';

const WINDOW_TIMERS: ToastTimers = {
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export function ErrorToasts({ timers = WINDOW_TIMERS }: { timers?: ToastTimers }) {
  const errors = useAppStore((state) => state.errors);
  const dismiss = useAppStore((state) => state.dismissError);
  const expiry = useRef<ToastExpiry | null>(null);

  useEffect(() => {
    const created = createToastExpiry(timers, dismiss);
    expiry.current = created;
    return () => {
      created.dispose();
      expiry.current = null;
    };
  }, [timers, dismiss]);
  useEffect(() => {
    expiry.current?.sync(errors.map((error) => error.id));
  }, [errors]);

  return (
    <div
      className="toasts"
      aria-live="assertive"
      onPointerEnter={() => expiry.current?.hold()}
      onPointerLeave={() => expiry.current?.release()}
      onFocus={() => expiry.current?.hold()}
      onBlur={() => expiry.current?.release()}
    >
      {errors.map((error) => {
        const text = describeError(error);
        return (
          <div key={error.id} className="toast" role="alert">
            <span className="toast-text">
              <span className="toast-message">{text.headline}</span>
              <small className="toast-detail">{text.detail}</small>
            </span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Dismiss: ${text.headline}`}
              onClick={() => dismiss(error.id)}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
