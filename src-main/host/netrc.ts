// A strict `.netrc` reader (pure): `machine`/`default` entries with `login`, `password` and
// `account`; `macdef` bodies are skipped up to their blank line; `#` starts a comment. Anything else
// is refused with its line number, so a typo never silently sends the wrong credentials. Messages
// never repeat a word of the file: any of them could be a password.

export interface NetrcEntry {
  /** undefined for the `default` entry. */
  machine?: string;
  login?: string;
  password?: string;
}

export class NetrcError extends Error {
  readonly code = 'NETRC_INVALID';
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`the .netrc file is not valid on line ${line}: ${detail}`);
  }
}

/** Reads words line by line, so a macdef body can be skipped as lines whatever it contains. */
class Lexer {
  private index = 0;
  private position = 0;
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  /** 1-based line of the word returned last. */
  get line(): number {
    return this.index + 1;
  }

  next(): string | undefined {
    while (this.index < this.lines.length) {
      const text = this.lines[this.index]!;
      while (this.position < text.length && /\s/.test(text[this.position]!)) this.position++;
      if (this.position >= text.length || text[this.position] === '#') {
        this.index++;
        this.position = 0;
        continue;
      }
      return text[this.position] === '"' ? this.quoted(text) : this.plain(text);
    }
    return undefined;
  }

  /** Skips the rest of this line and the following lines up to and including a blank one. */
  skipMacroBody(): void {
    this.index++;
    while (this.index < this.lines.length && this.lines[this.index]!.trim() !== '') this.index++;
    this.position = 0;
  }

  private plain(text: string): string {
    const start = this.position;
    while (this.position < text.length && !/\s/.test(text[this.position]!)) this.position++;
    return text.slice(start, this.position);
  }

  private quoted(text: string): string {
    let word = '';
    for (this.position++; this.position < text.length; this.position++) {
      const c = text[this.position]!;
      if (c === '"') {
        this.position++;
        return word;
      }
      if (c === '\\' && this.position + 1 < text.length) this.position++;
      word += text[this.position];
    }
    throw new NetrcError(this.line, 'a quoted word does not end on its line');
  }
}

export function parseNetrc(text: string): NetrcEntry[] {
  const lexer = new Lexer(text);
  const entries: NetrcEntry[] = [];
  let current: NetrcEntry | undefined;
  let sawDefault = false;
  for (let keyword = lexer.next(); keyword !== undefined; keyword = lexer.next()) {
    const line = lexer.line;
    const value = (): string => {
      const next = lexer.next();
      if (next === undefined) throw new NetrcError(line, `"${keyword}" needs a value`);
      return next;
    };
    switch (keyword) {
      case 'machine':
        if (sawDefault) throw new NetrcError(line, '"machine" entries must come before "default"');
        current = { machine: value().toLowerCase() };
        entries.push(current);
        break;
      case 'default':
        if (sawDefault) throw new NetrcError(line, 'there is more than one "default"');
        sawDefault = true;
        current = {};
        entries.push(current);
        break;
      case 'login':
      case 'password':
      case 'account': {
        if (!current) throw new NetrcError(line, `"${keyword}" must follow "machine" or "default"`);
        const word = value();
        if (keyword !== 'account') current[keyword] = word;
        break;
      }
      case 'macdef':
        value();
        // The body runs to the first blank line; it holds commands for ftp, not credentials.
        lexer.skipMacroBody();
        current = undefined;
        break;
      default:
        throw new NetrcError(
          line,
          'expected one of machine, default, login, password, account or macdef (is a value missing?)',
        );
    }
  }
  return entries;
}

/** The entry for `host` (its name, case-insensitive), else the `default` entry. */
export function findNetrcEntry(entries: readonly NetrcEntry[], host: string): NetrcEntry | undefined {
  const name = host.toLowerCase();
  return (
    entries.find((entry) => entry.machine === name) ?? entries.find((entry) => entry.machine === undefined)
  );
}

/** The `Authorization` value for an entry that has both a login and a password. */
export function basicAuthorization(entry: NetrcEntry | undefined): string | undefined {
  if (entry?.login === undefined || entry.password === undefined) return undefined;
  return `Basic ${Buffer.from(`${entry.login}:${entry.password}`, 'utf8').toString('base64')}`;
}
