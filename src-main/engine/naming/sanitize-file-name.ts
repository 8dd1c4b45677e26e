// Turns untrusted text (server headers, URLs, user input) into one safe path component, so a download
// can never land outside the chosen directory, hide itself, or disguise its extension.
import { Buffer } from 'node:buffer';
import { fileNameFromContentDisposition } from './content-disposition';

const FALLBACK_NAME = 'download';
/** What one name may hold on the file systems we write to. */
const FILE_SYSTEM_NAME_BYTES = 255;
/**
 * The longest name a download's neighbours add to its name: the name lock's temporary file,
 * `<name>.part.lock.<8 hex digits>` (the journal's is `<name>.part.json.tmp`). A download's name
 * leaves room for it, so no side file of a valid name can fail with ENAMETOOLONG.
 */
export const SIDE_FILE_SUFFIX_BYTES = '.part.lock.'.length + 8;
export const MAX_NAME_BYTES = FILE_SYSTEM_NAME_BYTES - SIDE_FILE_SUFFIX_BYTES;
const MAX_EXTENSION_BYTES = 16;
const DOUBLE_EXTENSIONS = ['.tar.gz', '.tar.xz', '.tar.bz2', '.tar.zst'];
// Control, format (BiDi overrides, zero-width), lone surrogates, line and paragraph separators.
const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const WINDOWS_FORBIDDEN_CHARACTERS = /[<>:"|?*]/g;
const WINDOWS_RESERVED_STEM = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]|conin\$|conout\$)$/i;

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts on a code-point boundary so no character is split into invalid UTF-8. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let result = '';
  for (const char of text) {
    bytes += utf8Bytes(char);
    if (bytes > maxBytes) break;
    result += char;
  }
  return result;
}

/** The extension worth preserving: short, without spaces, and not the whole name (dotfiles). */
function splitExtension(name: string): { stem: string; extension: string } {
  const lower = name.toLowerCase();
  const double = DOUBLE_EXTENSIONS.find((ext) => lower.endsWith(ext) && name.length > ext.length);
  const dot = name.lastIndexOf('.');
  const extension = double ? name.slice(-double.length) : dot > 0 ? name.slice(dot) : '';
  if (extension === '' || /\s/u.test(extension) || utf8Bytes(extension) > MAX_EXTENSION_BYTES) {
    return { stem: name, extension: '' };
  }
  return { stem: name.slice(0, name.length - extension.length), extension };
}

function trimEdges(name: string): string {
  // Leading dots hide a file on Unix; trailing dots and spaces are silently dropped by Windows.
  return name.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

/** Builds `stem + suffix + extension` within the byte limit, shortening only the stem. */
function composeWithinLimit(stem: string, suffix: string, extension: string): string {
  const full = stem + suffix + extension;
  if (utf8Bytes(full) <= MAX_NAME_BYTES) return full;
  const stemBudget = MAX_NAME_BYTES - utf8Bytes(suffix) - utf8Bytes(extension);
  const shortStem = truncateUtf8(stem, stemBudget);
  return (extension === '' && suffix === '' ? trimEdges(shortStem) : shortStem) + suffix + extension;
}

/** The sanitised name, or '' when nothing usable is left. */
function cleanFileName(raw: string): string {
  const visible = raw.normalize('NFC').replace(INVISIBLE_CHARACTERS, '');
  // `subdir/` names a folder, not a file: its last segment is no name for the download.
  if (/[/\\]\s*$/u.test(visible)) return '';
  const lastSegment =
    visible
      .split(/[/\\]/)
      .filter((segment) => segment !== '')
      .at(-1) ?? '';
  let name = trimEdges(lastSegment.replace(WINDOWS_FORBIDDEN_CHARACTERS, '_'));
  if (name === '') return '';
  if (WINDOWS_RESERVED_STEM.test(name.split('.')[0].trimEnd())) name = `_${name}`;
  const { stem, extension } = splitExtension(name);
  return composeWithinLimit(stem, '', extension);
}

export function sanitizeFileName(raw: string): string {
  return cleanFileName(raw) || FALLBACK_NAME;
}

/** Decodes percent escapes that form valid UTF-8 and keeps malformed ones as they are. */
function decodePercentLeniently(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function lastUrlPathSegment(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const segment = pathname
    .split('/')
    .filter((part) => part !== '')
    .at(-1);
  return segment === undefined ? undefined : decodePercentLeniently(segment);
}

/** User's choice, then Content-Disposition, then the final URL's last path segment, then `download`. */
export function chooseFileName(input: {
  contentDisposition?: string;
  finalUrl: string;
  userFileName?: string;
}): string {
  const candidates = [
    input.userFileName,
    fileNameFromContentDisposition(input.contentDisposition),
    lastUrlPathSegment(input.finalUrl),
  ];
  for (const candidate of candidates) {
    const cleaned = candidate === undefined ? '' : cleanFileName(candidate);
    if (cleaned !== '') return cleaned;
  }
  return FALLBACK_NAME;
}

/** `photo.jpg` → `photo (n).jpg`, used when the name is taken; n = 0 is the name itself. */
export function alternativeFileName(name: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Invalid alternative index: ${n}`);
  if (n === 0) return name;
  const { stem, extension } = splitExtension(name);
  return composeWithinLimit(stem, ` (${n})`, extension);
}
