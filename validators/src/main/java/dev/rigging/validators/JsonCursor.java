package dev.rigging.validators;

import java.util.Arrays;

/**
 * A pull tokenizer over a JSON text in a {@code String}, for {@link WireJsonReader}: the tokens,
 * names, strings and number texts Jackson's parser reports for the same text, without copying the
 * text into buffers or making a {@code String} of each key, and able to step over an object whose
 * end is known ({@link #skipObject}), as the reader does with a value it has read before.
 *
 * <p>Reads RFC 8259 JSON only, as Jackson does by default; on anything else (a leading zero, a
 * control character in a string, a missing comma, a second root value) it throws {@link Unsure} and
 * the reader gives up, so that {@code JsonFormat} decides and words the error. Not thread-safe: one
 * cursor per reading.
 */
final class JsonCursor {

  /** The kinds of token, as Jackson's {@code JsonToken} names them. */
  enum Token {
    START_OBJECT,
    END_OBJECT,
    START_ARRAY,
    END_ARRAY,
    FIELD_NAME,
    STRING,
    /** A number without fraction or exponent. */
    INT,
    /** A number with a fraction or an exponent. */
    FLOAT,
    TRUE,
    FALSE,
    NULL
  }

  /** Thrown on text the cursor does not read; carries no stack trace, it is only a signal. */
  static final class Unsure extends RuntimeException {
    private static final Unsure INSTANCE = new Unsure();

    private Unsure() {
      super("not read by the cursor", null, false, false);
    }
  }

  /** Jackson's default limit on the length of a number's text. */
  private static final int MAX_NUMBER_LENGTH = 1000;

  // What the next token may be.
  private static final int ROOT = 0; // the root value
  private static final int ROOT_DONE = 1; // only the end of the text
  private static final int OBJECT_FIRST = 2; // a key or '}'
  private static final int OBJECT_COLON = 3; // ':' and a value
  private static final int OBJECT_NEXT = 4; // ',' and a key, or '}'
  private static final int ARRAY_FIRST = 5; // a value or ']'
  private static final int ARRAY_NEXT = 6; // ',' and a value, or ']'

  private final String text;
  private final int length;
  private int pos;
  private int state = ROOT;
  private boolean[] inObject = new boolean[32]; // per open container: object or array
  private int depth;

  private Token token;
  private int tokenStart;
  // A string or key: its content between the quotes, and whether it holds escapes.
  private int contentStart;
  private int contentEnd;
  private boolean escaped;
  private int keyHash;
  private String decoded;

  JsonCursor(String text) {
    this.text = text;
    this.length = text.length();
  }

  /** The text read. */
  String text() {
    return text;
  }

  /** Moves to the next token; {@code null} at the end of the text after the root value. */
  Token next() {
    decoded = null;
    skipWhitespace();
    switch (state) {
      case ROOT -> {
        return value();
      }
      case ROOT_DONE -> {
        if (pos < length) {
          throw Unsure.INSTANCE; // Jackson would read a second root value
        }
        token = null;
        return null;
      }
      case OBJECT_FIRST -> {
        if (peek() == '}') {
          return close(Token.END_OBJECT);
        }
        return key();
      }
      case OBJECT_COLON -> {
        expect(':');
        skipWhitespace();
        return value();
      }
      case OBJECT_NEXT -> {
        return atClose('}') ? close(Token.END_OBJECT) : key();
      }
      case ARRAY_FIRST -> {
        if (peek() == ']') {
          return close(Token.END_ARRAY);
        }
        return value();
      }
      case ARRAY_NEXT -> {
        return atClose(']') ? close(Token.END_ARRAY) : value();
      }
      default -> throw new IllegalStateException("state " + state);
    }
  }

  /** The current token, {@code null} before the first and after the last. */
  Token token() {
    return token;
  }

  /** Where the current token starts in the text. */
  int offset() {
    return tokenStart;
  }

  /** The current {@link Token#FIELD_NAME}'s key or {@link Token#STRING}'s value, unescaped. */
  String string() {
    if (token != Token.FIELD_NAME && token != Token.STRING) {
      throw new IllegalStateException("not a string: " + token);
    }
    if (decoded == null) {
      decoded = escaped ? unescape() : text.substring(contentStart, contentEnd);
    }
    return decoded;
  }

  /**
   * Whether the current key holds escapes. When it does not, it is written in {@link #text()} from
   * {@link #keyStart()} to {@link #keyEnd()}, which lets a caller look keys up without making
   * strings of them.
   */
  boolean keyEscaped() {
    return escaped;
  }

  /** Where the current key's text starts, past its opening quote. */
  int keyStart() {
    return contentStart;
  }

  /** Where the current key's text ends, at its closing quote. */
  int keyEnd() {
    return contentEnd;
  }

  /** The current key's {@code String.hashCode()}, when it holds no escapes. */
  int keyHash() {
    return keyHash;
  }

  /** The current number's text as written. */
  String numberText() {
    if (token != Token.INT && token != Token.FLOAT) {
      throw new IllegalStateException("not a number: " + token);
    }
    return text.substring(tokenStart, pos);
  }

  /**
   * Whether the current {@link Token#INT} fits a {@code long} (Jackson's number types {@code INT}
   * and {@code LONG}); its value is then {@link #longValue()}.
   */
  boolean fitsLong() {
    int digits = pos - tokenStart - (text.charAt(tokenStart) == '-' ? 1 : 0);
    if (digits < 19) {
      return true; // every number of up to 18 digits does
    }
    try {
      Long.parseLong(text, tokenStart, pos, 10);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The current {@link Token#INT}'s value; only when {@link #fitsLong()}. */
  long longValue() {
    return Long.parseLong(text, tokenStart, pos, 10);
  }

  /**
   * Steps over the object whose {@link Token#START_OBJECT} is current and whose {@code '}'} is at
   * {@code close}: the current token is then its {@link Token#END_OBJECT}.
   */
  void skipObject(int close) {
    if (token != Token.START_OBJECT || text.charAt(close) != '}') {
      throw new IllegalStateException("not at an object ending at " + close);
    }
    decoded = null;
    tokenStart = close;
    pos = close + 1;
    closed(Token.END_OBJECT);
  }

  /** After a member or an element: true at the closing {@code bracket}, else past a comma. */
  private boolean atClose(char bracket) {
    char c = peek();
    if (c == bracket) {
      return true;
    }
    if (c != ',') {
      throw Unsure.INSTANCE;
    }
    pos++;
    skipWhitespace();
    return false;
  }

  private char peek() {
    if (pos >= length) {
      throw Unsure.INSTANCE;
    }
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw Unsure.INSTANCE;
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < length) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private Token key() {
    tokenStart = pos;
    expect('"');
    // Keys are short and plain: hash one on the way, as String.hashCode would, for keyHash().
    int hash = 0;
    for (int i = pos; i < length; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        contentStart = pos;
        contentEnd = i;
        escaped = false;
        keyHash = hash;
        pos = i + 1;
        state = OBJECT_COLON;
        return token = Token.FIELD_NAME;
      }
      if (c < 0x20 || c == '\\') {
        break;
      }
      hash = 31 * hash + c;
    }
    stringContent();
    state = OBJECT_COLON;
    return token = Token.FIELD_NAME;
  }

  private Token value() {
    tokenStart = pos;
    char c = peek();
    Token t;
    switch (c) {
      case '{' -> {
        pos++;
        push(true);
        return token = Token.START_OBJECT;
      }
      case '[' -> {
        pos++;
        push(false);
        return token = Token.START_ARRAY;
      }
      case '"' -> {
        pos++;
        stringContent();
        t = Token.STRING;
      }
      case 't' -> t = literal("true", Token.TRUE);
      case 'f' -> t = literal("false", Token.FALSE);
      case 'n' -> t = literal("null", Token.NULL);
      default -> t = number();
    }
    afterValue();
    return token = t;
  }

  private void push(boolean object) {
    if (depth == inObject.length) {
      inObject = Arrays.copyOf(inObject, depth * 2);
    }
    inObject[depth++] = object;
    state = object ? OBJECT_FIRST : ARRAY_FIRST;
  }

  /** At a closing bracket. */
  private Token close(Token end) {
    tokenStart = pos++;
    return closed(end);
  }

  private Token closed(Token end) {
    if (depth == 0 || inObject[depth - 1] != (end == Token.END_OBJECT)) {
      throw Unsure.INSTANCE;
    }
    depth--;
    afterValue();
    return token = end;
  }

  private void afterValue() {
    state = depth == 0 ? ROOT_DONE : inObject[depth - 1] ? OBJECT_NEXT : ARRAY_NEXT;
  }

  /** Past the opening quote: finds the closing one, noting escapes; rejects control characters. */
  private void stringContent() {
    contentStart = pos;
    escaped = false;
    while (true) {
      char c = peek();
      if (c == '"') {
        contentEnd = pos++;
        return;
      }
      if (c < 0x20) {
        throw Unsure.INSTANCE;
      }
      if (c == '\\') {
        escaped = true;
        pos++;
        char e = peek();
        if (e == 'u') {
          for (int i = 1; i <= 4; i++) {
            if (pos + i >= length || Character.digit(text.charAt(pos + i), 16) < 0) {
              throw Unsure.INSTANCE;
            }
          }
          pos += 4;
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw Unsure.INSTANCE;
        }
      }
      pos++;
    }
  }

  private String unescape() {
    StringBuilder out = new StringBuilder(contentEnd - contentStart);
    for (int i = contentStart; i < contentEnd; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = text.charAt(++i);
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text, i + 1, i + 5, 16));
          i += 4;
        }
        default -> out.append(e); // '"', '\\' and '/'
      }
    }
    return out.toString();
  }

  private Token literal(String word, Token t) {
    if (!text.startsWith(word, pos)) {
      throw Unsure.INSTANCE;
    }
    pos += word.length();
    delimited();
    return t;
  }

  /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, followed by a delimiter. */
  private Token number() {
    boolean fraction = false;
    if (peekIs('-')) {
      pos++;
    }
    if (peekIs('0')) {
      pos++;
    } else if (!digits()) {
      throw Unsure.INSTANCE;
    }
    if (peekIs('.')) {
      pos++;
      fraction = true;
      if (!digits()) {
        throw Unsure.INSTANCE;
      }
    }
    if (peekIs('e') || peekIs('E')) {
      pos++;
      fraction = true;
      if (peekIs('+') || peekIs('-')) {
        pos++;
      }
      if (!digits()) {
        throw Unsure.INSTANCE;
      }
    }
    if (pos - tokenStart > MAX_NUMBER_LENGTH) {
      throw Unsure.INSTANCE;
    }
    delimited();
    return fraction ? Token.FLOAT : Token.INT;
  }

  private boolean peekIs(char c) {
    return pos < length && text.charAt(pos) == c;
  }

  private boolean digits() {
    int start = pos;
    while (pos < length && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  /** A scalar ends at whitespace, a comma, a closing bracket or the end of the text. */
  private void delimited() {
    if (pos < length) {
      char c = text.charAt(pos);
      if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        throw Unsure.INSTANCE;
      }
    }
  }
}
