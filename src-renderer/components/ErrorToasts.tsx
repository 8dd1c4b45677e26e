// Errors the user should act on, with the code the engine gave them.
import { useAppStore } from '../app-context';

export function ErrorToasts() {
  const errors = useAppStore((state) => state.errors);
  const dismiss = useAppStore((state) => state.dismissError);
  return (
    <div className="toasts" aria-live="assertive">
      {errors.map((error) => (
        <div key={error.id} className="toast" role="alert">
          <span className="toast-code">{error.code}</span>
          <span className="toast-message">{error.message}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={`Dismiss: ${error.message}`}
            onClick={() => dismiss(error.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
