// Every error the user can meet, in a sentence that says what happened and what to do. The engine's
// code and message stay available as the detail line (for a bug report), never as the headline.
import type { ErrorCode, SizeCapExceeded, SpaceShortage } from '../../src-shared/download-types';
import { formatBytes } from './format';

export interface ErrorLike {
  code: string;
  message: string;
  /** HTTP status when a response caused the error. */
  status?: number;
  /** Of NOT_ENOUGH_SPACE. */
  space?: SpaceShortage;
  /** Of FILE_TOO_LARGE. */
  sizeCap?: SizeCapExceeded;
}

/** What the UI knows around the error: the download's link and folder. */
export interface ErrorContext {
  url?: string;
  directory?: string;
}

export interface ErrorText {
  headline: string;
  /** The code, HTTP status and engine message, shown small. */
  detail: string;
}

type Describe = (error: ErrorLike, context: ErrorContext) => string;

function hostOf(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** Messages the renderer itself wrote are already sentences; engine messages start in lower case. */
function asSentence(message: string): string {
  const trimmed = message.trim();
  if (trimmed === '') return 'That was not accepted.';
  const first = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

function httpStatusText(status: number | undefined): string {
  if (status === undefined) return 'The server answered with an error. Check the link, then retry.';
  if (status === 404 || status === 410) {
    return `The server says this file does not exist (${status}). Check the link.`;
  }
  if (status === 401 || status === 403) {
    return `The server refuses access to this file (${status}). The link may need a login or may have expired: get a fresh link.`;
  }
  if (status === 429) return 'The server is limiting requests (429). Wait a few minutes, then retry.';
  if (status === 416) return 'The server refused the requested part of the file (416). Retry from the start.';
  if (status >= 500) return `The server had a problem (${status}). Retry later.`;
  if (status >= 300 && status < 400) {
    return `The server sent a redirect that leads nowhere (${status}). Check the link.`;
  }
  return `The server refused the request (${status}). Check the link.`;
}

function networkText(error: ErrorLike, context: ErrorContext): string {
  if (/host not found|ENOTFOUND|EAI_AGAIN/i.test(error.message)) {
    const host = hostOf(context.url);
    const name = host === null ? 'The server name' : `The server name ${host}`;
    return `${name} could not be found. Check the link and your internet connection.`;
  }
  if (/ECONNREFUSED/.test(error.message)) {
    return 'The server refused the connection. Check the link, or retry when the server is back.';
  }
  return 'The connection to the server failed. Check your internet connection, then retry.';
}

function mismatchText(error: ErrorLike): string {
  const source = /source: ([^)]+)\)/.exec(error.message)?.[1];
  const reference =
    source === undefined || source === 'user' ? 'the checksum you gave' : `the server's checksum (${source})`;
  return `The downloaded file does not match ${reference}. Correct the expected checksum, or download the file again.`;
}

function notEnoughSpaceText(error: ErrorLike, context: ErrorContext): string {
  const space = error.space;
  const where = space?.directory ?? context.directory;
  const at = where === undefined ? '' : ` in ${where}`;
  if (space === undefined) return `There is not enough free space${at}. Free some space, then resume.`;
  const free = formatBytes(space.availableBytes);
  if (space.neededBytes === undefined) {
    return `The download stopped to keep ${formatBytes(space.keepFreeBytes)} free${at} (${free} free): the server did not say how large the file is. Free some space or choose another folder, then resume.`;
  }
  return `This download needs ${formatBytes(space.neededBytes)} more, but only ${free} is free${at}. Free some space or choose another folder, then resume: nothing downloaded so far is lost.`;
}

function fileTooLargeText(error: ErrorLike): string {
  const cap = error.sizeCap;
  if (cap === undefined)
    return 'The file is larger than your size limit. Raise the limit in Settings, then retry.';
  const limit = formatBytes(cap.capBytes);
  const size =
    cap.fileBytes === undefined
      ? 'The server sent more than'
      : `The file is ${formatBytes(cap.fileBytes)}, more than`;
  return `${size} your size limit of ${limit}. Raise the limit in Settings (Largest file), then retry.`;
}

const DESCRIBE: Record<ErrorCode, Describe> = {
  INVALID_URL: (error) => asSentence(error.message),
  INVALID_INPUT: (error) => asSentence(error.message),
  HTTP_STATUS: (error) => httpStatusText(error.status),
  RANGE_UNSUPPORTED: () =>
    'The server did not send the part of the file that was asked for. Retry: the download continues over one connection.',
  CONTENT_RANGE_MISMATCH: () =>
    'The server sent a different part of the file than was asked for. Retry; if it happens again, the server is at fault.',
  REMOTE_CHANGED: () =>
    'The file on the server changed since the download started. Retry to download the new version from the start.',
  NETWORK: networkText,
  PROTOCOL_ERROR: () =>
    'The server sent a malformed response. Retry later; if it keeps happening, the server (or a proxy in between) is at fault.',
  TIMEOUT: () => 'The server stopped answering. Check your internet connection, then retry.',
  UNREACHABLE: (_error, context) => {
    const host = hostOf(context.url);
    return `The server${host === null ? '' : ` ${host}`} could not be reached. Check the link and that the server is up, then retry.`;
  },
  TOO_MANY_REDIRECTS: () =>
    'The link keeps redirecting without reaching the file. Check the link or get a fresh one.',
  DISK_FULL: (_error, context) =>
    `The disk is full${context.directory ? ` at ${context.directory}` : ''}. Free some space, then resume: the data downloaded so far is kept.`,
  NOT_ENOUGH_SPACE: notEnoughSpaceText,
  FILE_TOO_LARGE: fileTooLargeText,
  FILE_SYSTEM: (_error, context) =>
    `The download folder${context.directory ? ` ${context.directory}` : ''} cannot be written to. Choose another folder or fix its permissions, then resume.`,
  NAME_TOO_LONG: () =>
    'The file name is too long for this disk. Add the download again with a shorter file name.',
  INTEGRITY_MISMATCH: mismatchText,
  JOURNAL_INVALID: () =>
    'The saved progress of this download is damaged. Retry to download it from the start.',
  ABORTED: () => 'The download was stopped.',
  DIRECTORY_NOT_ALLOWED: () =>
    'Downloads can only go to a folder you chose in this app. Pick the folder in Settings first, or leave it empty to use the default.',
  CONFIRMATION_REQUIRED: () => 'This file would run a program. Open it only if you trust where it came from.',
  NOT_FOUND: () => 'This download is no longer in the list; it may have been removed elsewhere.',
  DUPLICATE: (error) => asSentence(error.message),
  INTERNAL: () =>
    'Something went wrong inside the downloader. Retry; if it happens again, report it with the details below.',
};

function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(DESCRIBE, code);
}

export function describeError(error: ErrorLike, context: ErrorContext = {}): ErrorText {
  const headline = isErrorCode(error.code) ? DESCRIBE[error.code](error, context) : asSentence(error.message);
  const status = error.status === undefined ? '' : ` · HTTP ${error.status}`;
  // A message the headline already says in full is not repeated in the detail.
  const message = headline === asSentence(error.message) ? '' : ` · ${error.message}`;
  return { headline, detail: `${error.code}${status}${message}` };
}
