package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.List;

/**
 * What to check on a message type: the compiled form of its PGV options.
 *
 * @param kind how values of this type are treated
 * @param disabled PGV's {@code validate.disabled} or {@code validate.ignored}: nothing is checked,
 *     nested messages included
 * @param requiredOneofs oneofs marked {@code validate.required}
 * @param fields only the fields with something to check or to descend into
 */
record MessagePlan(Kind kind, boolean disabled, List<OneofDescriptor> requiredOneofs, List<FieldPlan> fields) {

    /** Types handled by dedicated code rather than by walking their fields. */
    enum Kind {
        /** An ordinary message: walk its fields. */
        FIELDS,
        /** {@code google.protobuf.Any}: unpack and walk the content. */
        ANY,
        /** {@code google.protobuf.Duration}: Envoy's own range check. */
        DURATION,
        /** Other well-known types: nothing inside them carries rules. */
        OPAQUE
    }

    static Kind kindOf(Descriptor type) {
        return switch (type.getFullName()) {
            case "google.protobuf.Any" -> Kind.ANY;
            case "google.protobuf.Duration" -> Kind.DURATION;
            default -> type.getFile().getPackage().equals("google.protobuf") ? Kind.OPAQUE : Kind.FIELDS;
        };
    }
}
