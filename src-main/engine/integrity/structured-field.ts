// A strict parser for RFC 8941 structured-field dictionaries, as used by RFC 9530 Repr-Digest and
// Content-Digest. Any syntax error fails the whole field, as RFC 8941 requires.

export type BareItem =
  | { type: 'integer' | 'decimal'; value: number }
  | { type: 'string' | 'token'; value: string }
  /** Kept as the base64 text between the colons, so callers decode it as strictly as they need. */
  | { type: 'bytes'; value: string }
  | { type: 'boolean'; value: boolean };

export type Parameters = Map<string, BareItem>;

export type DictionaryMember =
  | { kind: 'item'; value: BareItem; params: Parameters }
  | { kind: 'inner-list'; items: { value: BareItem; params: Parameters }[]; params: Parameters };

export class StructuredFieldError extends Error {}

const KEY_START = /[a-z*]/;
const KEY_CHAR = /[a-z0-9_\-.*]/;
const TOKEN_START = /[A-Za-z*]/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]/;
const DIGIT = /[0-9]/;

/** Parses a dictionary field value; throws StructuredFieldError on any deviation from RFC 8941. */
export function parseDictionary(text: string): Map<string, DictionaryMember> {
  return new Parser(text).dictionary();
}

class Parser {
  private pos = 0;
  private readonly input: string;

  constructor(text: string) {
    this.input = text.replace(/^ +| +$/g, '');
  }

  dictionary(): Map<string, DictionaryMember> {
    const members = new Map<string, DictionaryMember>();
    while (this.pos < this.input.length) {
      const key = this.key();
      if (this.peek() === '=') {
        this.pos++;
        members.set(key, this.itemOrInnerList());
      } else {
        members.set(key, { kind: 'item', value: { type: 'boolean', value: true }, params: this.params() });
      }
      this.skip(/[ \t]/);
      if (this.pos >= this.input.length) return members;
      this.expect(',');
      this.skip(/[ \t]/);
      if (this.pos >= this.input.length) this.fail('trailing comma');
    }
    return members;
  }

  private itemOrInnerList(): DictionaryMember {
    if (this.peek() !== '(') {
      const value = this.bareItem();
      return { kind: 'item', value, params: this.params() };
    }
    this.pos++;
    const items: { value: BareItem; params: Parameters }[] = [];
    for (;;) {
      this.skip(/ /);
      if (this.peek() === ')') {
        this.pos++;
        return { kind: 'inner-list', items, params: this.params() };
      }
      const value = this.bareItem();
      items.push({ value, params: this.params() });
      const next = this.peek();
      if (next !== ' ' && next !== ')') this.fail('expected space or ")" in inner list');
    }
  }

  private params(): Parameters {
    const params: Parameters = new Map();
    while (this.peek() === ';') {
      this.pos++;
      this.skip(/ /);
      const key = this.key();
      let value: BareItem = { type: 'boolean', value: true };
      if (this.peek() === '=') {
        this.pos++;
        value = this.bareItem();
      }
      params.set(key, value);
    }
    return params;
  }

  private key(): string {
    if (!KEY_START.test(this.peek())) this.fail('expected a key');
    return this.take(KEY_CHAR);
  }

  private bareItem(): BareItem {
    const c = this.peek();
    if (c === '-' || DIGIT.test(c)) return this.number();
    if (c === '"') return this.string();
    if (c === ':') return this.bytes();
    if (c === '?') return this.boolean();
    if (TOKEN_START.test(c)) return { type: 'token', value: this.take(TOKEN_CHAR) };
    return this.fail('expected an item');
  }

  private number(): BareItem {
    const match = /^(-?)(\d{1,15})(\.\d{1,3})?/.exec(this.input.slice(this.pos));
    if (match === null) return this.fail('malformed number');
    const [all, , integral, fraction] = match;
    if (fraction !== undefined && integral.length > 12) this.fail('decimal too long');
    if (fraction === undefined && DIGIT.test(this.input[this.pos + all.length] ?? '')) {
      this.fail('integer too long');
    }
    this.pos += all.length;
    return { type: fraction === undefined ? 'integer' : 'decimal', value: Number(all) };
  }

  private string(): BareItem {
    this.pos++;
    let value = '';
    for (;;) {
      const c = this.input[this.pos++];
      if (c === undefined) return this.fail('unterminated string');
      if (c === '"') return { type: 'string', value };
      if (c === '\\') {
        const escaped = this.input[this.pos++];
        if (escaped !== '"' && escaped !== '\\') this.fail('bad escape in string');
        value += escaped;
      } else if (c < ' ' || c > '~') {
        this.fail('bad character in string');
      } else {
        value += c;
      }
    }
  }

  private bytes(): BareItem {
    this.pos++;
    const value = this.take(/[A-Za-z0-9+/=]/);
    this.expect(':');
    return { type: 'bytes', value };
  }

  private boolean(): BareItem {
    this.pos++;
    const c = this.input[this.pos++];
    if (c !== '0' && c !== '1') this.fail('malformed boolean');
    return { type: 'boolean', value: c === '1' };
  }

  private peek(): string {
    return this.input[this.pos] ?? '';
  }

  private take(allowed: RegExp): string {
    const start = this.pos;
    while (this.pos < this.input.length && allowed.test(this.input[this.pos])) this.pos++;
    return this.input.slice(start, this.pos);
  }

  private skip(allowed: RegExp): void {
    this.take(allowed);
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected "${c}"`);
    this.pos++;
  }

  private fail(reason: string): never {
    throw new StructuredFieldError(`${reason} at character ${this.pos + 1}`);
  }
}
