// Ctrl/Cmd+V anywhere outside a text field, and links dropped onto the window, add downloads.
import { useEffect, useState } from 'react';
import { useAppStore, useCommands } from '../app-context';
import { parseDroppedData, parseUrls } from '../lib/parse-urls';
import type { ParsedUrls } from '../lib/parse-urls';
import { intakeMessage, refusedMessage } from '../lib/refused-message';
import { isTextEntry } from './is-text-entry';

/** Returns whether something is being dragged over the window, for the drop overlay. */
export function useLinkIntake(): boolean {
  const commands = useCommands();
  const reportError = useAppStore((state) => state.reportError);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const intake = (parsed: ParsedUrls) => {
      const message = intakeMessage(parsed);
      if (message !== null) reportError({ code: 'INVALID_URL', message });
      if (parsed.urls.length > 0) void commands.add(parsed.urls);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextEntry(event.target) || event.clipboardData === null) return;
      event.preventDefault();
      intake(parseUrls(event.clipboardData.getData('text/plain')));
    };
    let depth = 0;
    const onDragEnter = (event: DragEvent) => {
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onDragLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDragOver = (event: DragEvent) => {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const data = event.dataTransfer;
      if (data === null) return;
      const parsed = parseDroppedData((format) => data.getData(format));
      if (parsed.urls.length === 0 && parsed.refused.length === 0 && data.files.length > 0) {
        const names = Array.from(data.files, (file) => file.name);
        reportError({ code: 'INVALID_URL', message: refusedMessage(names) });
        return;
      }
      intake(parsed);
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [commands, reportError]);

  return dragging;
}
