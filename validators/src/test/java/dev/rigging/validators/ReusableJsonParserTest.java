package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import org.junit.jupiter.api.Test;

/** Per-thread reuse of protobuf's JSON parser state: active, and invisible in results. */
class ReusableJsonParserTest {

  private final JsonFormat.Parser parser =
      new TypeResolver(TypeRegistryFactory.emittedFiles()).parser();
  private final ReusableJsonParser reusable = new ReusableJsonParser();

  private DynamicMessage parseReusing(String json) throws InvalidProtocolBufferException {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(Bootstrap.getDescriptor());
    reusable.merge(parser, json, builder);
    return builder.build();
  }

  @Test
  void reuse_isActiveWithThisProtobufRelease() {
    // If this fails after a protobuf upgrade, validation still works but is slower: see
    // ReusableJsonParser.
    assertTrue(ReusableJsonParser.isReusing());
  }

  @Test
  void reusedState_parsesExactlyAsThePublicApi() throws InvalidProtocolBufferException {
    String json = Fixtures.read("bootstrap-valid.json");
    DynamicMessage.Builder expected = DynamicMessage.newBuilder(Bootstrap.getDescriptor());
    parser.merge(json, expected);
    assertEquals(expected.build(), parseReusing(json));
    assertEquals(expected.build(), parseReusing(json));
  }

  @Test
  void failedParses_leaveTheNextParseUnaffected() throws InvalidProtocolBufferException {
    // Each failure happens some eight levels deep; were the parser state (its depth counter) kept,
    // twenty of them would push the next parse past protobuf's recursion limit of 100.
    String deep =
        "{\"static_resources\": {\"clusters\": [{\"name\": \"c\", \"load_assignment\":"
            + " {\"endpoints\": [{\"lb_endpoints\": [{\"endpoint\": {\"address\": {\"pipe\":"
            + " {\"mode\": \"x\"}}}}]}]}}]}}";
    for (int i = 0; i < 20; i++) {
      assertThrows(InvalidProtocolBufferException.class, () -> parseReusing(deep));
    }
    String json = Fixtures.read("bootstrap-valid.json");
    DynamicMessage.Builder expected = DynamicMessage.newBuilder(Bootstrap.getDescriptor());
    parser.merge(json, expected);
    assertEquals(expected.build(), parseReusing(json));
  }
}
