// The settings switch for browser notifications; turning it on is the user action that lets the
// browser ask for permission.
import { useState } from 'react';
import {
  browserNoticesApply,
  noticePermission,
  readNoticePreference,
  writeNoticePreference,
} from '../hooks/use-completion-notices';
import { permissionHint } from '../lib/completion-notice';

export function NotifyToggle() {
  const [enabled, setEnabled] = useState(
    () =>
      browserNoticesApply() && readNoticePreference(window.localStorage) && noticePermission() === 'granted',
  );
  const [hint, setHint] = useState<string | null>(null);
  if (!browserNoticesApply()) return null;

  const onChange = async (checked: boolean) => {
    if (!checked) {
      writeNoticePreference(window.localStorage, false);
      setEnabled(false);
      setHint(null);
      return;
    }
    const permission = noticePermission() === 'granted' ? 'granted' : await Notification.requestPermission();
    const granted = permission === 'granted';
    writeNoticePreference(window.localStorage, granted);
    setEnabled(granted);
    setHint(permissionHint(permission));
  };
  return (
    <label className="field field-check">
      <span className="field-row">
        <input type="checkbox" checked={enabled} onChange={(e) => void onChange(e.target.checked)} />
        <span>Notify me when a download finishes</span>
      </span>
      {hint !== null && (
        <small className="field-error" role="alert">
          {hint}
        </small>
      )}
    </label>
  );
}
