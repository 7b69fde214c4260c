package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;
import dev.rigging.validators.JsonCursor.Token;
import dev.rigging.validators.JsonFieldTable.Field;
import dev.rigging.validators.JsonFieldTable.Form;
import dev.rigging.validators.JsonFieldTable.Shape;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fast path of the strict parse: reads a JSON document straight into protobuf wire format,
 * driven by the descriptors, with a {@link JsonCursor} over the text, where {@code JsonFormat}
 * builds a Gson tree and then {@code DynamicMessage}s. Given the {@link KnownObjects} of a session,
 * it copies the wire form of an object it has read before as the same type instead of reading it
 * again. It only ever answers with the bytes {@code JsonFormat}'s message would serialize to, or
 * {@code null}: for anything it is not sure of (a value of another JSON type than Rigging writes,
 * {@code null}, a field given twice, an {@code Any} whose {@code @type} is not its first member or
 * not yet known, bytes, timestamps, deep nesting, any error) it gives up, and the caller parses
 * with {@code JsonFormat}, which then accepts or produces the error message exactly as before. So
 * it can make validation faster but never change its outcome; {@code WireJsonReaderTest} checks the
 * bytes against {@code JsonFormat}'s on every emitted policy document and on broken ones.
 *
 * <p>Expects a text {@link StrictJsonSyntax} has accepted. Thread-safe.
 */
final class WireJsonReader {

  /**
   * JSON nesting beyond which the reader gives up: {@code JsonFormat} stops at 100 nested messages,
   * and a message nests no deeper than one more than its JSON.
   */
  static final int MAX_DEPTH = 64;

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
    return read(json, type, null, null);
  }

  /**
   * As {@link #read(String, Descriptor)}, with the placeholders of {@code substitutions} standing
   * for the wire forms they map to.
   */
  byte[] read(String json, Descriptor type, Substitutions substitutions) {
    return read(json, type, substitutions, null);
  }

  /**
   * The wire form of an object read before, and how much deeper than the object itself the reading
   * checked the nesting limit: it reads the same wherever that stays within the limit.
   */
  record Read(byte[] wire, int height) {}

  /**
   * As {@link #read(String, Descriptor)}, taking the objects {@code known} holds (by their exact
   * text and message type) as read, and adding those it reads.
   */
  byte[] read(String json, Descriptor type, KnownObjects<Read> known) {
    return read(json, type, null, known);
  }

  private byte[] read(
      String json, Descriptor type, Substitutions substitutions, KnownObjects<Read> known) {
    JsonFieldTable table = table(type);
    if (table.form() != Form.FIELDS) {
      return null;
    }
    // A value holding a placeholder reads into other bytes than its text says: no memo then.
    boolean remember = known != null && substitutions == null;
    try {
      JsonCursor cursor = new JsonCursor(json);
      Reading reading = new Reading(cursor, substitutions, remember ? known : null);
      if (cursor.next() != Token.START_OBJECT) {
        return null;
      }
      WireWriter out = new WireWriter(json.length() / 2);
      if (!reading.value(table, out, 0)
          || cursor.next() != null
          || (substitutions != null && reading.substituted != substitutions.byOffset().size())) {
        return null;
      }
      return out.toByteArray();
    } catch (RuntimeException e) {
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

  /** One document being read: the cursor and a buffer per nesting level. */
  private final class Reading {
    private final JsonCursor cursor;
    private final Substitutions substitutions;
    private final KnownObjects<Read> known;
    private int substituted;
    private int reached; // the deepest nesting checked against MAX_DEPTH so far
    private final WireWriter[] buffers = new WireWriter[MAX_DEPTH + 8];
    private final Members[] members = new Members[MAX_DEPTH + 1];

    Reading(JsonCursor cursor, Substitutions substitutions, KnownObjects<Read> known) {
      this.cursor = cursor;
      this.substitutions = substitutions;
      this.known = known;
    }

    /** Whether {@code depth} is within {@link #MAX_DEPTH}, noting how deep the reading got. */
    private boolean room(int depth) {
      reached = Math.max(reached, depth);
      return depth <= MAX_DEPTH;
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
    boolean fields(JsonFieldTable table, WireWriter out, int depth) {
      if (!room(depth)) {
        return false;
      }
      Members members = members(depth);
      int base = out.size();
      int count = 0;
      boolean sorted = true;
      Token token;
      while ((token = cursor.next()) == Token.FIELD_NAME) {
        Field field =
            cursor.keyEscaped()
                ? table.field(cursor.string())
                : table.field(cursor.text(), cursor.keyStart(), cursor.keyEnd(), cursor.keyHash());
        if (field == null || cursor.next() == Token.NULL) {
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
      if (token != Token.END_OBJECT) {
        return false;
      }
      if (!sorted) {
        out.reorder(base, members.starts, members.ends, members.byNumber(count), count);
      }
      return true;
    }

    /** Reads the value of {@code field}, whose first token is current, and writes it. */
    private boolean field(JsonFieldTable owner, Field field, WireWriter out, int depth) {
      return switch (field.shape()) {
        case SCALAR -> JsonScalars.write(field.scalar(), cursor, out, field.elidesDefault());
        case MESSAGE -> message(owner.subTable(field, tableOf), field, out, depth);
        case REPEATED_SCALAR, PACKED -> repeated(null, field, out, depth);
        case REPEATED_MESSAGE -> repeated(owner.subTable(field, tableOf), field, out, depth);
        case MAP -> map(owner.subTable(field, tableOf), field, out, depth);
      };
    }

    private boolean message(JsonFieldTable table, Field field, WireWriter out, int depth) {
      WireWriter content = buffer(depth);
      if (!value(table, content, depth)) {
        return false;
      }
      out.tag(field.number(), WireReader.LENGTH_DELIMITED);
      out.lengthDelimited(content);
      return true;
    }

    /** A repeated field; {@code table} is its message type's, {@code null} for scalars. */
    private boolean repeated(JsonFieldTable table, Field field, WireWriter out, int depth) {
      if (cursor.token() != Token.START_ARRAY || !room(depth + 1)) {
        return false;
      }
      int number = field.number();
      if (field.shape() == Shape.PACKED) {
        WireWriter packed = buffer(depth);
        while (cursor.next() != Token.END_ARRAY) {
          if (!JsonScalars.writeValue(field.scalar(), cursor, packed)) {
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
      Token token;
      while ((token = cursor.next()) != Token.END_ARRAY) {
        byte[] wire = substitutable && token == Token.START_OBJECT ? substitute() : null;
        if (wire != null) {
          out.tag(number, WireReader.LENGTH_DELIMITED);
          out.varint32(wire.length);
          out.bytes(wire, 0, wire.length);
        } else if (message) {
          if (token == Token.NULL && table.form() != Form.VALUE) {
            return false;
          }
          WireWriter content = buffer(depth + 1);
          if (!value(table, content, depth + 1)) {
            return false;
          }
          out.tag(number, WireReader.LENGTH_DELIMITED);
          out.lengthDelimited(content);
        } else if (!JsonScalars.write(field.scalar(), cursor, out, false)) {
          return false;
        }
      }
      return true;
    }

    private boolean map(JsonFieldTable entryType, Field field, WireWriter out, int depth) {
      Field key = entryType.fieldNumbered(1);
      Field value = entryType.fieldNumbered(2);
      if (cursor.token() != Token.START_OBJECT
          || key.scalar() == null
          || key.scalar().type() != FieldDescriptor.Type.STRING
          || !room(depth + 1)) {
        return false;
      }
      JsonFieldTable valueTable =
          value.shape() == Shape.MESSAGE ? entryType.subTable(value, tableOf) : null;
      WireWriter entry = buffer(depth);
      while (cursor.next() == Token.FIELD_NAME) {
        entry.reset();
        String name = JsonScalars.plain(cursor.string());
        if (name == null) {
          return false;
        }
        if (!name.isEmpty()) {
          entry.tag(1, WireReader.LENGTH_DELIMITED);
          entry.string(name);
        }
        Token token = cursor.next();
        if (valueTable != null) {
          if (token == Token.NULL && valueTable.form() != Form.VALUE) {
            return false;
          }
          WireWriter content = buffer(depth + 1);
          if (!value(valueTable, content, depth + 1)) {
            return false;
          }
          entry.tag(2, WireReader.LENGTH_DELIMITED);
          entry.lengthDelimited(content);
        } else if (token == Token.NULL || !JsonScalars.write(value.scalar(), cursor, entry, true)) {
          return false;
        }
        out.tag(field.number(), WireReader.LENGTH_DELIMITED);
        out.lengthDelimited(entry);
      }
      return cursor.token() == Token.END_OBJECT;
    }

    /**
     * Reads the current value as a message of {@code table}'s type, in its JSON form, and writes
     * its fields. Uses the buffers from {@code depth + 1} on ({@code out} may be {@code
     * buffer(depth)}), as {@link #jsonValue} does; the other methods use those from {@code depth}
     * on and write to an {@code out} below.
     */
    private boolean value(JsonFieldTable table, WireWriter out, int depth) {
      if (!room(depth)) {
        return false;
      }
      Token token = cursor.token();
      if (known != null
          && token == Token.START_OBJECT
          && (table.form() == Form.FIELDS || table.form() == Form.ANY)) {
        return remembered(table, out, depth);
      }
      return read(table, out, depth);
    }

    /**
     * As {@link #read}, for an object: copies the wire form of the same text read as the same type
     * before, if the memo has it and its nesting has room here; else reads it and remembers it.
     */
    private boolean remembered(JsonFieldTable table, WireWriter out, int depth) {
      String text = cursor.text();
      int start = cursor.offset();
      int fingerprint = KnownObjects.fingerprint(text, start);
      KnownObjects.Known<Read> before = known.find(table, text, start, fingerprint);
      if (before != null && depth + before.value().height() <= MAX_DEPTH) {
        Read read = before.value();
        reached = Math.max(reached, depth + read.height());
        out.bytes(read.wire(), 0, read.wire().length);
        cursor.skipObject(start + before.length() - 1);
        return true;
      }
      int reachedAround = reached;
      reached = depth;
      int size = out.size();
      boolean read = read(table, out, depth);
      int end = cursor.offset() + 1; // past the object's '}', the current token
      if (read && before == null && end - start >= KnownObjects.MIN_LENGTH) {
        byte[] wire = Arrays.copyOfRange(out.buffer(), size, out.size());
        known.put(table, text, start, end, fingerprint, new Read(wire, reached - depth));
      }
      reached = Math.max(reached, reachedAround);
      return read;
    }

    /** The current value, of {@code table}'s type, read from its text. */
    private boolean read(JsonFieldTable table, WireWriter out, int depth) {
      Token token = cursor.token();
      return switch (table.form()) {
        case FIELDS -> token == Token.START_OBJECT && fields(table, out, depth + 1);
        case ANY -> token == Token.START_OBJECT && any(out, depth + 1);
        case DURATION -> token == Token.STRING && duration(cursor.string(), out);
        case WRAPPER ->
            token != Token.NULL
                && JsonScalars.write(table.fieldNumbered(1).scalar(), cursor, out, true);
        case STRUCT -> token == Token.START_OBJECT && struct(table, out, depth + 1);
        case VALUE -> jsonValue(table, out, depth);
        case LIST_VALUE -> token == Token.START_ARRAY && list(table, out, depth + 1);
        case UNSUPPORTED -> false;
      };
    }

    /** An {@code Any}: {@code @type} first, then the content's fields; or {@code {}}. */
    private boolean any(WireWriter out, int depth) {
      Token token = cursor.next();
      if (token == Token.END_OBJECT) {
        return true; // the default instance
      }
      if (!"@type".equals(cursor.string()) || cursor.next() != Token.STRING) {
        return false;
      }
      String typeUrl = JsonScalars.plain(cursor.string());
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
    private byte[] substitute() {
      byte[] wire = substitutions.byOffset().get(cursor.offset());
      if (wire == null) {
        return null;
      }
      if (cursor.next() != Token.END_OBJECT) {
        throw new IllegalStateException("a placeholder is {}");
      }
      substituted++;
      return wire;
    }

    /** A {@code google.protobuf.Value}: whichever JSON value is current. */
    private boolean jsonValue(JsonFieldTable table, WireWriter out, int depth) {
      switch (cursor.token()) {
        case NULL -> {
          out.tag(1, WireReader.VARINT);
          out.varint32(0);
        }
        case INT, FLOAT -> {
          out.tag(2, WireReader.FIXED64);
          out.fixed64(Double.doubleToRawLongBits(Double.parseDouble(cursor.numberText())));
        }
        case STRING -> {
          String text = JsonScalars.plain(cursor.string());
          if (text == null) {
            return false;
          }
          out.tag(3, WireReader.LENGTH_DELIMITED);
          out.string(text);
        }
        case TRUE, FALSE -> {
          out.tag(4, WireReader.VARINT);
          out.varint32(cursor.token() == Token.TRUE ? 1 : 0);
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
    private boolean list(JsonFieldTable table, WireWriter out, int depth) {
      Field values = table.fieldNumbered(1);
      return repeated(table.subTable(values, tableOf), values, out, depth);
    }

    /** A {@code google.protobuf.Struct}: its {@code fields} map, from any JSON object. */
    private boolean struct(JsonFieldTable table, WireWriter out, int depth) {
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
