// Reads the file name from `Content-Disposition` (RFC 6266, RFC 8187), tolerating what browsers
// tolerate. The result is untrusted text: callers sanitise it before touching the file system.

type Parameters = Map<string, string>;

/** Splits `type; name=value; ...` honouring quoted strings. Undefined when a quote is unterminated. */
function parseParameters(header: string): Parameters | undefined {
  const parameters: Parameters = new Map();
  let index = 0;
  const length = header.length;
  while (index < length) {
    const semicolon = header.indexOf(';', index);
    const equals = header.indexOf('=', index);
    if (equals === -1 || (semicolon !== -1 && semicolon < equals)) {
      // The disposition type, or a parameter without a value: nothing to read.
      index = semicolon === -1 ? length : semicolon + 1;
      continue;
    }
    const name = header.slice(index, equals).trim().toLowerCase();
    let cursor = equals + 1;
    while (cursor < length && (header[cursor] === ' ' || header[cursor] === '\t')) cursor++;
    let value: string;
    if (header[cursor] === '"') {
      const quoted = readQuotedString(header, cursor);
      if (!quoted) return undefined;
      value = quoted.value;
      const next = header.indexOf(';', quoted.next);
      index = next === -1 ? length : next + 1;
    } else {
      const next = header.indexOf(';', cursor);
      value = header.slice(cursor, next === -1 ? length : next).trim();
      index = next === -1 ? length : next + 1;
    }
    if (name !== '' && !parameters.has(name)) parameters.set(name, value);
  }
  return parameters;
}

function readQuotedString(text: string, openingQuote: number): { value: string; next: number } | undefined {
  let value = '';
  for (let cursor = openingQuote + 1; cursor < text.length; cursor++) {
    const char = text[cursor];
    if (char === '"') return { value, next: cursor + 1 };
    if (char === '\\' && cursor + 1 < text.length) {
      cursor++;
      value += text[cursor];
    } else {
      value += char;
    }
  }
  return undefined;
}

function percentDecodeToBytes(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (text[index] === '%') {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9a-f]{2}$/i.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else if (code > 0x7f) {
      return undefined;
    } else {
      bytes.push(code);
    }
  }
  return Uint8Array.from(bytes);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** RFC 8187 `charset'language'value`. */
function decodeExtendedValue(raw: string): string | undefined {
  const match = /^([A-Za-z0-9!#$%&+^_`{}~-]+)'[^']*'(.*)$/s.exec(raw.trim());
  if (!match) return undefined;
  const bytes = percentDecodeToBytes(match[2]);
  if (!bytes) return undefined;
  const charset = match[1].toLowerCase();
  if (charset === 'utf-8') return decodeUtf8(bytes);
  if (charset === 'iso-8859-1') return String.fromCharCode(...bytes);
  return undefined;
}

/**
 * Plain `filename` as browsers read it: Node hands header bytes over as Latin-1, so raw UTF-8 shows up
 * as mojibake and is re-decoded; percent-encoded UTF-8 is decoded when it is valid.
 */
function decodePlainValue(value: string): string {
  if (/[\u0080-\u00ff]/.test(value) && !/[\u0100-\uffff]/.test(value)) {
    const utf8 = decodeUtf8(Uint8Array.from(value, (char) => char.charCodeAt(0)));
    if (utf8 !== undefined) return utf8;
  }
  if (/%[0-9a-f]{2}/i.test(value)) {
    const bytes = percentDecodeToBytes(value);
    const decoded = bytes && decodeUtf8(bytes);
    if (decoded !== undefined) return decoded;
  }
  return value;
}

export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parameters = parseParameters(header);
  if (!parameters) return undefined;

  const extended = parameters.get('filename*');
  if (extended !== undefined) {
    const decoded = decodeExtendedValue(extended);
    if (decoded) return decoded;
  }
  const plain = parameters.get('filename');
  if (plain === undefined) return undefined;
  return decodePlainValue(plain) || undefined;
}
