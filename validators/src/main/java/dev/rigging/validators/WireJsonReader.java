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
import dev.rigging.validators.JsonFieldTable.Shape;
import java.io.IOException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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

  /**
   * Wire forms to take instead of reading: each {@code {}} placeholder at a key of {@code byOffset}
   * (its character offset in the text read), an element of one of {@code fields}, stands for a
   * message whose wire form is the value. A reading that does not use every placeholder gives up,
   * so none can be read as an empty message by mistake.
   */
  record Substitutions(Set<FieldDescriptor> fields, Map<Integer, byte[]> byOffset) {}

  private final TypeResolver types;
  private final Map<Descriptor, JsonFieldTable> tables = new ConcurrentHashMap<>();
  private final Function<Descriptor, JsonFieldTable> tableOf = this::table;

  WireJsonReader(TypeResolver types) {
    this.types = types;
  }

  /** {@code json} as a message of {@code type} in wire format, or {@code null} if unsure. */
  byte[] read(String json, Descriptor type) {
    return read(json, type, (Substitutions) null);
  }

  /**
   * As {@link #read(String, Descriptor)}, with the placeholders of {@code substitutions} standing
   * for the wire forms they map to.
   */
  byte[] read(String json, Descriptor type, Substitutions substitutions) {
    JsonFieldTable table = table(type);
    if (table.form() != Form.FIELDS) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(json)) {
      Reading reading = new Reading(parser, substitutions);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      WireWriter out = new WireWriter(json.length() / 2);
      if (!reading.fields(table, out, 1)
          || parser.nextToken() != null
          || (substitutions != null && reading.substituted != substitutions.byOffset().size())) {
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
    private final Substitutions substitutions;
    private int substituted;
    private final WireWriter[] buffers = new WireWriter[MAX_DEPTH + 8];
    private final Members[] members = new Members[MAX_DEPTH + 1];

    Reading(JsonParser parser, Substitutions substitutions) {
      this.parser = parser;
      this.substitutions = substitutions;
    }

    private Members members(int depth) {
      Members m = members[depth];
      if (m == null) {
        m = new Members();
        members[depth] = m;
      }
      return m;
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
      Members members = members(depth);
      int base = out.size();
      int count = 0;
      boolean sorted = true;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        Field field = table.field(parser.currentName());
        if (field == null || parser.nextToken() == JsonToken.VALUE_NULL) {
          return false;
        }
        if (members.clashes(field, count)) {
          return false; // given twice: JsonFormat may reject or accept; it decides
        }
        sorted &= count == 0 || members.fields[count - 1].number() < field.number();
        members.add(count, field, out.size());
        if (!field(table, field, out, depth)) {
          return false;
        }
        members.ends[count++] = out.size();
      }
      if (token != JsonToken.END_OBJECT) {
        return false;
      }
      if (!sorted) {
        out.reorder(base, members.starts, members.ends, members.byNumber(count), count);
      }
      return true;
    }

    /** Reads the value of {@code field}, whose first token is current, and writes it. */
    private boolean field(JsonFieldTable owner, Field field, WireWriter out, int depth)
        throws IOException {
      return switch (field.shape()) {
        case SCALAR -> JsonScalars.write(field.scalar(), parser, out, field.elidesDefault());
        case MESSAGE -> message(owner.subTable(field, tableOf), field, out, depth);
        case REPEATED_SCALAR, PACKED -> repeated(null, field, out, depth);
        case REPEATED_MESSAGE -> repeated(owner.subTable(field, tableOf), field, out, depth);
        case MAP -> map(owner.subTable(field, tableOf), field, out, depth);
      };
    }

    private boolean message(JsonFieldTable table, Field field, WireWriter out, int depth)
        throws IOException {
      WireWriter content = buffer(depth);
      if (!value(table, content, depth)) {
        return false;
      }
      out.tag(field.number(), WireReader.LENGTH_DELIMITED);
      out.lengthDelimited(content);
      return true;
    }

    /** A repeated field; {@code table} is its message type's, {@code null} for scalars. */
    private boolean repeated(JsonFieldTable table, Field field, WireWriter out, int depth)
        throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY || depth + 1 > MAX_DEPTH) {
        return false;
      }
      int number = field.number();
      if (field.shape() == Shape.PACKED) {
        WireWriter packed = buffer(depth);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (!JsonScalars.writeValue(field.scalar(), parser, packed)) {
            return false;
          }
        }
        if (packed.size() > 0) {
          out.tag(number, WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(packed);
        }
        return true;
      }
      boolean message = field.shape() == Shape.REPEATED_MESSAGE;
      boolean substitutable =
          substitutions != null && message && substitutions.fields().contains(field.field());
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        byte[] wire = substitutable && token == JsonToken.START_OBJECT ? substitute() : null;
        if (wire != null) {
          out.tag(number, WireReader.LENGTH_DELIMITED);
          out.varint32(wire.length);
          out.bytes(wire, 0, wire.length);
        } else if (message) {
          if (token == JsonToken.VALUE_NULL && table.form() != Form.VALUE) {
            return false;
          }
          WireWriter content = buffer(depth + 1);
          if (!value(table, content, depth + 1)) {
            return false;
          }
          out.tag(number, WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(content);
        } else if (!JsonScalars.write(field.scalar(), parser, out, false)) {
          return false;
        }
      }
      return true;
    }

    private boolean map(JsonFieldTable entryType, Field field, WireWriter out, int depth)
        throws IOException {
      Field key = entryType.fieldNumbered(1);
      Field value = entryType.fieldNumbered(2);
      if (parser.currentToken() != JsonToken.START_OBJECT
          || key.scalar() == null
          || key.scalar().type() != FieldDescriptor.Type.STRING
          || depth + 1 > MAX_DEPTH) {
        return false;
      }
      JsonFieldTable valueTable =
          value.shape() == Shape.MESSAGE ? entryType.subTable(value, tableOf) : null;
      WireWriter entry = buffer(depth);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        entry.reset();
        String name = JsonScalars.plain(parser.currentName());
        if (name == null) {
          return false;
        }
        if (!name.isEmpty()) {
          entry.tag(1, WireReader.LENGTH_DELIMITED);
          entry.string(name);
        }
        JsonToken token = parser.nextToken();
        if (valueTable != null) {
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
            || !JsonScalars.write(value.scalar(), parser, entry, true)) {
          return false;
        }
        out.tag(field.number(), WireReader.LENGTH_DELIMITED);
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
                && JsonScalars.write(table.fieldNumbered(1).scalar(), parser, out, true);
        case STRUCT -> token == JsonToken.START_OBJECT && struct(table, out, depth + 1);
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
      String typeUrl = JsonScalars.plain(parser.getText());
      Descriptor contentType = typeUrl == null ? null : anyContent(typeUrl);
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
      writeAny(out, typeUrl, value.buffer(), value.size());
      return true;
    }

    /**
     * The wire form standing for the placeholder the parser is at, past which it then is; {@code
     * null} when no placeholder is there.
     */
    private byte[] substitute() throws IOException {
      byte[] wire =
          substitutions.byOffset().get((int) parser.currentTokenLocation().getCharOffset());
      if (wire == null) {
        return null;
      }
      if (parser.nextToken() != JsonToken.END_OBJECT) {
        throw new IllegalStateException("a placeholder is {}");
      }
      substituted++;
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
          String text = JsonScalars.plain(parser.getText());
          if (text == null) {
            return false;
          }
          out.tag(3, WireReader.LENGTH_DELIMITED);
          out.string(text);
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          out.tag(4, WireReader.VARINT);
          out.varint32(parser.currentToken() == JsonToken.VALUE_TRUE ? 1 : 0);
        }
        case START_OBJECT -> {
          JsonFieldTable struct = table(table.fieldNumbered(5).messageType());
          WireWriter content = buffer(depth + 1);
          if (!struct(struct, content, depth + 2)) {
            return false;
          }
          out.tag(5, WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(content);
        }
        case START_ARRAY -> {
          JsonFieldTable list = table(table.fieldNumbered(6).messageType());
          WireWriter content = buffer(depth + 1);
          if (!list(list, content, depth + 2)) {
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
      Field values = table.fieldNumbered(1);
      return repeated(table.subTable(values, tableOf), values, out, depth);
    }

    /** A {@code google.protobuf.Struct}: its {@code fields} map, from any JSON object. */
    private boolean struct(JsonFieldTable table, WireWriter out, int depth) throws IOException {
      Field fields = table.fieldNumbered(1);
      return map(table.subTable(fields, tableOf), fields, out, depth);
    }
  }

  /** The members of one object as read so far: their fields and where each was written. */
  private static final class Members {
    Field[] fields = new Field[16];
    int[] starts = new int[16];
    int[] ends = new int[16];
    int[] order = new int[16];

    /** Whether {@code field}, or another member of its oneof, is among the first {@code count}. */
    boolean clashes(Field field, int count) {
      for (int i = 0; i < count; i++) {
        if (fields[i].index() == field.index()
            || (field.oneof() >= 0 && fields[i].oneof() == field.oneof())) {
          return true;
        }
      }
      return false;
    }

    void add(int i, Field field, int start) {
      if (i == fields.length) {
        fields = Arrays.copyOf(fields, i * 2);
        starts = Arrays.copyOf(starts, i * 2);
        ends = Arrays.copyOf(ends, i * 2);
        order = Arrays.copyOf(order, i * 2);
      }
      fields[i] = field;
      starts[i] = start;
    }

    /** The indexes of the first {@code count} members by field number (an insertion sort). */
    int[] byNumber(int count) {
      for (int i = 0; i < count; i++) {
        int j = i;
        int number = fields[i].number();
        while (j > 0 && fields[order[j - 1]].number() > number) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = i;
      }
      return order;
    }
  }

  /**
   * The wire form of an {@code Any} as {@code JsonFormat} builds it: the type URL as written, the
   * content's wire form.
   */
  static byte[] any(String typeUrl, byte[] content) {
    WireWriter out = new WireWriter(content.length + typeUrl.length() + 16);
    writeAny(out, typeUrl, content, content.length);
    return out.toByteArray();
  }

  /** An {@code Any}'s two fields, each left out when empty as a proto3 field without presence. */
  private static void writeAny(WireWriter out, String typeUrl, byte[] value, int length) {
    if (!typeUrl.isEmpty()) {
      out.tag(1, WireReader.LENGTH_DELIMITED);
      out.string(typeUrl);
    }
    if (length > 0) {
      out.tag(2, WireReader.LENGTH_DELIMITED);
      out.varint32(length);
      out.bytes(value, 0, length);
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
