/**
 * Where and why a JSON text fails to parse, without quoting it. `JSON.parse` stays the judge of
 * validity; this scanner only explains a failure, because the engine's message quotes the text
 * around the error ("Unexpected token 'r', "root:$6$sa"... is not valid JSON"), and that text may
 * be a password hash, a token or a key.
 */
export type JsonErrorKind = 'empty' | 'byteOrderMark' | 'notText' | 'unexpectedEnd' | 'unexpectedCharacter' | 'badString' | 'badNumber' | 'trailingContent' | 'syntax';

export interface JsonErrorSpot {
  kind: JsonErrorKind;
  /** UTF-16 offset of the problem (the text length when the text ends too early) */
  offset: number;
}

class Stop {
  constructor(readonly spot: JsonErrorSpot) {}
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The first problem in `text`, or undefined when the scanner finds none (JSON.parse may still disagree). */
export function locateJsonError(text: string): JsonErrorSpot | undefined {
  if (text.charCodeAt(0) === 0xfeff) return { kind: 'byteOrderMark', offset: 0 };
  const nul = text.slice(0, 8192).indexOf('\u0000');
  if (nul >= 0) return { kind: 'notText', offset: nul };
  if (text.trim() === '') return { kind: 'empty', offset: 0 };
  try {
    new Scanner(text).document();
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return err.spot;
    throw err;
  }
}

/** Iterative (an explicit stack of open containers), so a deeply nested file cannot overflow the call stack. */
class Scanner {
  #i = 0;
  readonly #stack: ('{' | '[')[] = [];
  /** A container was just opened: its first member comes next (no comma before it). */
  #first = false;

  constructor(private readonly text: string) {}

  document(): void {
    this.#value();
    while (this.#stack.length > 0) this.#step();
    this.#ws();
    if (this.#i < this.text.length) this.#fail('trailingContent');
  }

  /** Inside the innermost container: its first member, or `,` and the next one, or its end. */
  #step(): void {
    const top = this.#stack[this.#stack.length - 1]!;
    if (!this.#first) {
      this.#ws();
      const c = this.#next();
      if (c === (top === '{' ? '}' : ']')) {
        this.#stack.pop();
        return;
      }
      if (c !== ',') this.#back('unexpectedCharacter');
    }
    this.#first = false;
    if (top === '{') this.#key();
    this.#value();
  }

  #key(): void {
    this.#ws();
    if (this.#next() !== '"') this.#back('unexpectedCharacter');
    this.#string();
    this.#ws();
    if (this.#next() !== ':') this.#back('unexpectedCharacter');
  }

  /** A scalar, an empty container, or the opening of a container (its members follow in #step). */
  #value(): void {
    this.#ws();
    const c = this.#next();
    if (c === '{' || c === '[') {
      this.#ws();
      if (this.text[this.#i] === (c === '{' ? '}' : ']')) {
        this.#i += 1;
        return;
      }
      this.#stack.push(c);
      this.#first = true;
      return;
    }
    if (c === '"') return this.#string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.#number();
    for (const word of ['true', 'false', 'null']) {
      if (c === word[0]) return this.#literal(word);
    }
    this.#back('unexpectedCharacter');
  }

  #string(): void {
    for (;;) {
      const c = this.#next();
      if (c === '"') return;
      if (c !== undefined && c < ' ') this.#back('badString');
      if (c === '\\') {
        const e = this.#next();
        if (e === 'u') {
          for (let k = 0; k < 4; k += 1) if (!/[0-9a-fA-F]/.test(this.#next() ?? '')) this.#back('badString');
        } else if (!ESCAPES.has(e ?? '')) this.#back('badString');
      }
    }
  }

  #number(): void {
    this.#i -= 1;
    if (this.text[this.#i] === '-') this.#i += 1;
    if (this.text[this.#i] === '0') this.#i += 1;
    else this.#digits();
    if (this.text[this.#i] === '.') {
      this.#i += 1;
      this.#digits();
    }
    if (this.text[this.#i] === 'e' || this.text[this.#i] === 'E') {
      this.#i += 1;
      if (this.text[this.#i] === '+' || this.text[this.#i] === '-') this.#i += 1;
      this.#digits();
    }
  }

  #digits(): void {
    const start = this.#i;
    while (this.#i < this.text.length && this.text[this.#i]! >= '0' && this.text[this.#i]! <= '9') this.#i += 1;
    if (this.#i === start) this.#fail(this.#i >= this.text.length ? 'unexpectedEnd' : 'badNumber');
  }

  #literal(word: string): void {
    for (let k = 1; k < word.length; k += 1) {
      if (this.#next() !== word[k]) this.#back('unexpectedCharacter');
    }
  }

  #ws(): void {
    while (this.#i < this.text.length && WS.has(this.text[this.#i]!)) this.#i += 1;
  }

  #next(): string | undefined {
    if (this.#i >= this.text.length) this.#fail('unexpectedEnd');
    return this.text[this.#i++];
  }

  /** Fails at the character just read. */
  #back(kind: JsonErrorKind): never {
    this.#i -= 1;
    return this.#fail(kind);
  }

  #fail(kind: JsonErrorKind): never {
    throw new Stop({ kind, offset: Math.min(this.#i, this.text.length) });
  }
}
