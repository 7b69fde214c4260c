package dev.rigging.validators;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;
import dev.rigging.validators.JsonFieldTable.Field;
import dev.rigging.validators.JsonFieldTable.Form;
import java.io.IOException;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fast path of the strict parse: reads a JSON document straight into protobuf wire format,
 * driven by the descriptors, with Jackson's streaming parser, where {@code JsonFormat} builds a
 * Gson tree and then {@code DynamicMessage}s. It only ever answers with the bytes {@code
 * JsonFormat}'s message would serialize to, or {@code null}: for anything it is not sure of (a
 * value of another JSON type than Rigging writes, {@code null}, a field given twice, an {@code Any}
 * whose {@code @type} is not its first member or not yet known, bytes, timestamps, deep nesting,
 * any error) it gives up, and the caller parses with {@code JsonFormat}, which then accepts or
 * produces the error message exactly as before. So it can make validation faster but never change
 * its outcome; {@code WireJsonReaderTest} checks the bytes against {@code JsonFormat}'s on every
 * emitted policy document and on broken ones.
 *
 * <p>Expects a text {@link StrictJsonSyntax} has accepted. Thread-safe.
 */
final class WireJsonReader {

  /**
   * JSON nesting beyond which the reader gives up: {@code JsonFormat} stops at 100 nested messages,
   * and a message nests no deeper than one more than its JSON.
   */
  static final int MAX_DEPTH = 64;

  private static final JsonFactory JSON = new JsonFactory();

  /** Values of repeated fields whose elements a {@link Memo} may supply. */
  interface Memo {
    /** Whether elements of {@code field} go through this memo. */
    boolean covers(FieldDescriptor field);

    /** The wire form of {@code text} read as a message of {@code type}, or {@code null}. */
    byte[] find(Descriptor type, String text);

    void remember(Descriptor type, String text, byte[] wire);
  }

  private final TypeResolver types;
  private final Map<Descriptor, JsonFieldTable> tables = new ConcurrentHashMap<>();

  WireJsonReader(TypeResolver types) {
    this.types = types;
  }

  /** {@code json} as a message of {@code type} in wire format, or {@code null} if unsure. */
  byte[] read(String json, Descriptor type) {
    return read(json, type, null);
  }

  /**
   * As {@link #read(String, Descriptor)}, taking elements of the fields {@code memo} covers from
   * it, or reading them on their own and remembering them there.
   */
  byte[] read(String json, Descriptor type, Memo memo) {
    JsonFieldTable table = table(type);
    if (table.form() != Form.FIELDS) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(json)) {
      Reading reading = new Reading(parser, json, memo);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      WireWriter out = new WireWriter(json.length() / 2);
      if (!reading.fields(table, out, 1) || parser.nextToken() != null) {
        return null;
      }
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      return null; // JsonFormat decides, and words the error
    }
  }

  JsonFieldTable table(Descriptor type) {
    JsonFieldTable table = tables.get(type);
    if (table == null) {
      table = tables.computeIfAbsent(type, JsonFieldTable::new);
    }
    return table;
  }

  /**
   * The content type of an {@code Any} as {@code JsonFormat} resolves {@code typeUrl} (the name
   * after the last slash, looked up in the registry), or {@code null} where in doubt.
   */
  Descriptor anyContent(String typeUrl) {
    int slash = typeUrl.lastIndexOf('/');
    if (slash < 0 || slash == typeUrl.length() - 1) {
      return null;
    }
    return types.find(typeUrl);
  }

  /** One document being read: the parser and a buffer per nesting level. */
  private final class Reading {
    private final JsonParser parser;
    private final String json;
    private final Memo memo;
    private final WireWriter[] buffers = new WireWriter[MAX_DEPTH + 8];

    Reading(JsonParser parser, String json, Memo memo) {
      this.parser = parser;
      this.json = json;
      this.memo = memo;
    }

    private WireWriter buffer(int depth) {
      WireWriter buffer = buffers[depth];
      if (buffer == null) {
        buffer = new WireWriter(256);
        buffers[depth] = buffer;
      }
      buffer.reset();
      return buffer;
    }

    /**
     * Reads the members of the object whose {@code {}} (and possibly some members) has been read,
     * up to its {@code }}, as fields of {@code table}'s type; writes them in field-number order, as
     * protobuf serializes them.
     */
    boolean fields(JsonFieldTable table, WireWriter out, int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        return false;
      }
      int base = out.size();
      Field[] seen = new Field[4];
      int[] starts = new int[4];
      int[] ends = new int[4];
      int count = 0;
      boolean sorted = true;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        Field field = table.field(parser.currentName());
        if (field == null || parser.nextToken() == JsonToken.VALUE_NULL) {
          return false;
        }
        for (int i = 0; i < count; i++) {
          if (seen[i].index() == field.index()
              || (field.oneof() >= 0 && seen[i].oneof() == field.oneof())) {
            return false; // JsonFormat may reject or accept; it decides
          }
        }
        if (count == seen.length) {
          seen = java.util.Arrays.copyOf(seen, count * 2);
          starts = java.util.Arrays.copyOf(starts, count * 2);
          ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        sorted &= count == 0 || seen[count - 1].number() < field.number();
        seen[count] = field;
        starts[count] = out.size();
        if (!field(field, out, depth)) {
          return false;
        }
        ends[count++] = out.size();
      }
      if (token != JsonToken.END_OBJECT) {
        return false;
      }
      if (!sorted) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
          order[i] = i;
        }
        Field[] byIndex = seen;
        java.util.Arrays.sort(order, (a, b) -> byIndex[a].number() - byIndex[b].number());
        out.reorder(base, out.size(), starts, ends, order);
      }
      return true;
    }

    /** Reads the value of {@code field}, whose first token is current, and writes it. */
    private boolean field(Field field, WireWriter out, int depth) throws IOException {
      FieldDescriptor f = field.field();
      if (f.isMapField()) {
        return map(f, out, depth);
      }
      if (f.isRepeated()) {
        return repeated(f, out, depth);
      }
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        return message(f, out, depth);
      }
      return JsonScalars.write(f, parser, out, field.elidesDefault());
    }

    private boolean message(FieldDescriptor f, WireWriter out, int depth) throws IOException {
      WireWriter content = buffer(depth);
      if (!value(table(f.getMessageType()), content, depth)) {
        return false;
      }
      out.tag(f.getNumber(), WireReader.LENGTH_DELIMITED);
      out.lengthDelimited(content);
      return true;
    }

    private boolean repeated(FieldDescriptor f, WireWriter out, int depth) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY || depth + 1 > MAX_DEPTH) {
        return false;
      }
      boolean message = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      if (f.isPacked()) {
        WireWriter packed = buffer(depth);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (!JsonScalars.writeValue(f, parser, packed)) {
            return false;
          }
        }
        if (packed.size() > 0) {
          out.tag(f.getNumber(), WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(packed);
        }
        return true;
      }
      JsonFieldTable table = message ? table(f.getMessageType()) : null;
      boolean memoized = memo != null && message && memo.covers(f);
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (memoized && token == JsonToken.START_OBJECT) {
          if (!remembered(table, out, f.getNumber())) {
            return false;
          }
        } else if (message) {
          if (token == JsonToken.VALUE_NULL && table.form() != Form.VALUE) {
            return false;
          }
          WireWriter content = buffer(depth + 1);
          if (!value(table, content, depth + 1)) {
            return false;
          }
          out.tag(f.getNumber(), WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(content);
        } else if (!JsonScalars.write(f, parser, out, false)) {
          return false;
        }
      }
      return true;
    }

    private boolean map(FieldDescriptor f, WireWriter out, int depth) throws IOException {
      Descriptor entryType = f.getMessageType();
      FieldDescriptor key = entryType.findFieldByNumber(1);
      FieldDescriptor value = entryType.findFieldByNumber(2);
      if (parser.currentToken() != JsonToken.START_OBJECT
          || key.getType() != FieldDescriptor.Type.STRING
          || depth + 1 > MAX_DEPTH) {
        return false;
      }
      boolean message = value.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      JsonFieldTable valueTable = message ? table(value.getMessageType()) : null;
      WireWriter entry = buffer(depth);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        entry.reset();
        String name = parser.currentName();
        if (!name.isEmpty()) {
          entry.tag(1, WireReader.LENGTH_DELIMITED);
          entry.string(name);
        }
        JsonToken token = parser.nextToken();
        if (message) {
          if (token == JsonToken.VALUE_NULL && valueTable.form() != Form.VALUE) {
            return false;
          }
          WireWriter content = buffer(depth + 1);
          if (!value(valueTable, content, depth + 1)) {
            return false;
          }
          entry.tag(2, WireReader.LENGTH_DELIMITED);
          entry.lengthDelimited(content);
        } else if (token == JsonToken.VALUE_NULL
            || !JsonScalars.write(value, parser, entry, true)) {
          return false;
        }
        out.tag(f.getNumber(), WireReader.LENGTH_DELIMITED);
        out.lengthDelimited(entry);
      }
      return parser.currentToken() == JsonToken.END_OBJECT;
    }

    /**
     * Reads the current value as a message of {@code table}'s type, in its JSON form, and writes
     * its fields. Uses the buffers from {@code depth + 1} on ({@code out} may be {@code
     * buffer(depth)}), as {@link #jsonValue} does; the other methods use those from {@code depth}
     * on and write to an {@code out} below.
     */
    private boolean value(JsonFieldTable table, WireWriter out, int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        return false;
      }
      JsonToken token = parser.currentToken();
      return switch (table.form()) {
        case FIELDS -> token == JsonToken.START_OBJECT && fields(table, out, depth + 1);
        case ANY -> token == JsonToken.START_OBJECT && any(out, depth + 1);
        case DURATION -> token == JsonToken.VALUE_STRING && duration(parser.getText(), out);
        case WRAPPER ->
            token != JsonToken.VALUE_NULL
                && JsonScalars.write(table.type().findFieldByNumber(1), parser, out, true);
        case STRUCT -> token == JsonToken.START_OBJECT && map(structFields(table), out, depth + 1);
        case VALUE -> jsonValue(table, out, depth);
        case LIST_VALUE -> token == JsonToken.START_ARRAY && list(table, out, depth + 1);
        case UNSUPPORTED -> false;
      };
    }

    /** An {@code Any}: {@code @type} first, then the content's fields; or {@code {}}. */
    private boolean any(WireWriter out, int depth) throws IOException {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_OBJECT) {
        return true; // the default instance
      }
      if (!"@type".equals(parser.currentName()) || parser.nextToken() != JsonToken.VALUE_STRING) {
        return false;
      }
      String typeUrl = parser.getText();
      Descriptor contentType = anyContent(typeUrl);
      if (contentType == null) {
        return false; // JsonFormat's retry loads it, or reports it
      }
      JsonFieldTable content = table(contentType);
      if (content.form() != Form.FIELDS) {
        return false;
      }
      WireWriter value = buffer(depth);
      if (!fields(content, value, depth + 1)) {
        return false;
      }
      writeAny(out, typeUrl, value);
      return true;
    }

    /**
     * An element of a field the memo covers, read on its own from its text (the same bytes as in
     * place: a message value parses the same wherever it sits) unless the memo knows the text.
     * {@code {"@type":"URL",...}} is remembered by its content, which is how a bootstrap writes the
     * same resource.
     */
    private boolean remembered(JsonFieldTable table, WireWriter out, int number)
        throws IOException {
      int start = (int) parser.currentTokenLocation().getCharOffset();
      parser.skipChildren();
      int end = (int) parser.currentLocation().getCharOffset();
      String text = json.substring(start, end);
      if (text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
        return false;
      }
      out.tag(number, WireReader.LENGTH_DELIMITED);
      if (table.form() == Form.FIELDS) {
        byte[] wire = memoized(table.type(), text);
        if (wire == null) {
          return false;
        }
        out.varint32(wire.length);
        out.bytes(wire, 0, wire.length);
        return true;
      }
      if (table.form() != Form.ANY || !text.startsWith(ANY_PREFIX)) {
        return false;
      }
      int urlEnd = text.indexOf('"', ANY_PREFIX.length());
      String typeUrl = text.substring(ANY_PREFIX.length(), urlEnd);
      char next = text.charAt(urlEnd + 1);
      Descriptor contentType = typeUrl.indexOf('\\') >= 0 ? null : anyContent(typeUrl);
      if (contentType == null
          || table(contentType).form() != Form.FIELDS
          || (next != ',' && next != '}')) {
        return false;
      }
      byte[] wire = memoized(contentType, next == '}' ? "{}" : "{" + text.substring(urlEnd + 2));
      if (wire == null) {
        return false;
      }
      WireWriter any = new WireWriter(wire.length + typeUrl.length() + 16);
      WireWriter value = new WireWriter(wire.length);
      value.bytes(wire, 0, wire.length);
      writeAny(any, typeUrl, value);
      out.lengthDelimited(any);
      return true;
    }

    private byte[] memoized(Descriptor type, String text) {
      byte[] wire = memo.find(type, text);
      if (wire == null) {
        wire = read(text, type);
        if (wire != null) {
          memo.remember(type, text, wire);
        }
      }
      return wire;
    }

    /** A {@code google.protobuf.Value}: whichever JSON value is current. */
    private boolean jsonValue(JsonFieldTable table, WireWriter out, int depth) throws IOException {
      switch (parser.currentToken()) {
        case VALUE_NULL -> {
          out.tag(1, WireReader.VARINT);
          out.varint32(0);
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          out.tag(2, WireReader.FIXED64);
          out.fixed64(Double.doubleToRawLongBits(Double.parseDouble(parser.getText())));
        }
        case VALUE_STRING -> {
          out.tag(3, WireReader.LENGTH_DELIMITED);
          out.string(parser.getText());
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          out.tag(4, WireReader.VARINT);
          out.varint32(parser.currentToken() == JsonToken.VALUE_TRUE ? 1 : 0);
        }
        case START_OBJECT -> {
          FieldDescriptor struct = table.type().findFieldByNumber(5);
          WireWriter content = buffer(depth + 1);
          if (!map(structFields(table(struct.getMessageType())), content, depth + 2)) {
            return false;
          }
          out.tag(5, WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(content);
        }
        case START_ARRAY -> {
          FieldDescriptor list = table.type().findFieldByNumber(6);
          WireWriter content = buffer(depth + 1);
          if (!list(table(list.getMessageType()), content, depth + 2)) {
            return false;
          }
          out.tag(6, WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(content);
        }
        default -> {
          return false;
        }
      }
      return true;
    }

    /** A {@code google.protobuf.ListValue}: its {@code values}, one {@code Value} per element. */
    private boolean list(JsonFieldTable table, WireWriter out, int depth) throws IOException {
      return repeated(table.type().findFieldByNumber(1), out, depth);
    }
  }

  private static final String ANY_PREFIX = "{\"@type\":\"";

  private static FieldDescriptor structFields(JsonFieldTable struct) {
    return struct.type().findFieldByNumber(1);
  }

  /** An {@code Any}'s two fields, each left out when empty as a proto3 field without presence. */
  private static void writeAny(WireWriter out, String typeUrl, WireWriter value) {
    if (!typeUrl.isEmpty()) {
      out.tag(1, WireReader.LENGTH_DELIMITED);
      out.string(typeUrl);
    }
    if (value.size() > 0) {
      out.tag(2, WireReader.LENGTH_DELIMITED);
      out.lengthDelimited(value);
    }
  }

  /** A duration as {@code JsonFormat} reads it, with protobuf's own {@link Durations#parse}. */
  private static boolean duration(String text, WireWriter out) {
    Duration duration;
    try {
      duration = Durations.parse(text);
    } catch (ParseException e) {
      return false;
    }
    if (duration.getSeconds() != 0) {
      out.tag(1, WireReader.VARINT);
      out.varint64(duration.getSeconds());
    }
    if (duration.getNanos() != 0) {
      out.tag(2, WireReader.VARINT);
      out.varint64(duration.getNanos());
    }
    return true;
  }
}
