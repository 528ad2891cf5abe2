/**
 * Where JSON text stops being valid. `JSON.parse` names a position for some errors only (Node 20 says
 * "Unexpected token 'x', … is not valid JSON" with none), so this scanner walks the RFC 8259 grammar
 * and returns the offset of the first character that cannot continue it (the text's length when the
 * text ends too early). Only called after `JSON.parse` has failed; iterative, so deep nesting in a
 * hostile file cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const ws = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, at)) {
      let i = 0;
      while (i < word.length && text[at + i] === word[i]) i++;
      throw at + i;
    }
    at += word.length;
  };
  const string = () => {
    at++; // opening quote
    for (;;) {
      if (at >= text.length) throw at;
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        at++;
        return;
      }
      if (c < 0x20) throw at;
      if (c === 0x5c) {
        const e = text[at + 1];
        if (e === undefined) throw at + 1;
        if ('"\\/bfnrt'.includes(e)) at += 2;
        else if (e === 'u') {
          for (let i = 2; i < 6; i++) if (!/[0-9a-fA-F]/.test(text[at + i] ?? '')) throw at + i;
          at += 6;
        } else throw at + 1;
      } else at++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!m) throw text[at] === '-' ? at + 1 : at;
    at += m[0].length;
  };
  // Each open container: 'o' expects a key or '}', 'O' expects ',' or '}', 'a'/'A' likewise for arrays.
  const stack: ('o' | 'O' | 'a' | 'A')[] = [];
  const value = () => {
    ws();
    const c = text[at];
    if (c === '{') {
      at++;
      stack.push('o');
    } else if (c === '[') {
      at++;
      stack.push('a');
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else throw at;
  };
  try {
    value();
    while (stack.length > 0) {
      ws();
      const top = stack[stack.length - 1]!;
      const c = text[at];
      if ((top === 'o' || top === 'O') && c === '}') {
        at++;
        stack.pop();
      } else if ((top === 'a' || top === 'A') && c === ']') {
        at++;
        stack.pop();
      } else if (top === 'o' || (top === 'O' && c === ',')) {
        if (top === 'O') {
          at++;
          ws();
        }
        if (text[at] !== '"') throw at;
        string();
        ws();
        if (text[at] !== ':') throw at;
        at++;
        stack[stack.length - 1] = 'O';
        value();
      } else if (top === 'a' || (top === 'A' && c === ',')) {
        if (top === 'A') at++;
        stack[stack.length - 1] = 'A';
        value();
      } else throw at;
    }
    ws();
    return at; // trailing content (or a valid document, which callers do not pass)
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
}
