package dev.rigging.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.rigging.proxy.route.PathRewrite;
import dev.rigging.proxy.route.RetryPolicy;
import dev.rigging.proxy.route.RouteAction;
import dev.rigging.proxy.route.RouteTable;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Route features the example policies do not all emit, from Envoy JSON straight to the route model.
 */
class RouteConfigTranslatorTest {

  private static RouteTable translate(String json) throws Exception {
    RouteConfiguration.Builder builder = RouteConfiguration.newBuilder();
    JsonFormat.parser().usingTypeRegistry(SupportedFields.typeRegistry()).merge(json, builder);
    Problems problems = new Problems();
    assertTrue(SupportCheck.problems(builder.build(), "").isEmpty());
    RouteTable table = RouteConfigTranslator.translate(builder.build(), "", problems);
    assertTrue(problems.isEmpty(), problems.list().toString());
    return table;
  }

  private static RouteAction action(String routeJson) throws Exception {
    return translate(
            "{\"name\":\"t\",\"virtual_hosts\":[{\"name\":\"h\",\"domains\":[\"*\"],\"routes\":["
                + routeJson
                + "]}]}")
        .virtualHosts()
        .get(0)
        .routes()
        .get(0)
        .action();
  }

  @Test
  void headerEditsTheProxyCannotApply_areRefusedAtLoad_namingTheField() throws Exception {
    RouteConfiguration.Builder builder = RouteConfiguration.newBuilder();
    JsonFormat.parser()
        .usingTypeRegistry(SupportedFields.typeRegistry())
        .merge(
            "{\"name\":\"t\",\"virtual_hosts\":[{\"name\":\"h\",\"domains\":[\"*\"],"
                + "\"routes\":[{\"match\":{\"prefix\":\"/\"},\"route\":{\"cluster\":\"c\"},"
                + "\"request_headers_to_add\":[{\"header\":{\"key\":\"x-ok\",\"value\":\"1\"}},"
                + "{\"header\":{\"key\":\"Connection\",\"value\":\"close\"}}],"
                + "\"response_headers_to_remove\":[\"transfer-encoding\"]}]}]}",
            builder);
    Problems problems = new Problems();

    RouteConfigTranslator.translate(builder.build(), "routes", problems);

    String all = problems.list().toString();
    assertTrue(
        all.contains("routes.virtual_hosts[0].routes[0].request_headers_to_add[1]")
            && all.contains("header Connection is managed by the proxy"),
        all);
    assertTrue(
        all.contains("routes.virtual_hosts[0].routes[0].response_headers_to_remove[0]"), all);
    assertEquals(2, problems.list().size(), all);
  }

  @Test
  void missingTimeoutIsEnvoysFifteenSecondsAndZeroIsNone() throws Exception {
    var unset =
        (RouteAction.Forward)
            action("{\"match\":{\"prefix\":\"/\"},\"route\":{\"cluster\":\"c\"}}");
    var zero =
        (RouteAction.Forward)
            action(
                "{\"match\":{\"prefix\":\"/\"},\"route\":{\"cluster\":\"c\",\"timeout\":\"0s\"}}");
    assertEquals(Optional.of(Duration.ofSeconds(15)), unset.timeout());
    assertEquals(Optional.empty(), zero.timeout());
  }

  @Test
  void retriesKeepConditionsCountsAndBackoffWithEnvoysDefaults() throws Exception {
    var forward =
        (RouteAction.Forward)
            action(
                "{\"match\":{\"prefix\":\"/\"},\"route\":{\"cluster\":\"c\",\"retry_policy\":{\"retry_on\":\"5xx,"
                    + " connect-failure\",\"num_retries\":2,\"per_try_timeout\":\"1s\"}}}");
    assertEquals(
        Optional.of(
            new RetryPolicy(
                Set.of("5xx", "connect-failure"),
                2,
                Optional.of(Duration.ofSeconds(1)),
                List.of(),
                Duration.ofMillis(25),
                Duration.ofMillis(250))),
        forward.retryPolicy());
  }

  @Test
  void rewritesAreKept() throws Exception {
    var forward =
        (RouteAction.Forward)
            action(
                "{\"match\":{\"prefix\":\"/api\"},\"route\":{\"cluster\":\"c\","
                    + "\"prefix_rewrite\":\"/\",\"host_rewrite_literal\":\"backend\"}}");
    assertEquals(Optional.of(new PathRewrite.Prefix("/")), forward.pathRewrite());
    assertEquals(Optional.of("backend"), forward.hostRewrite());
  }

  @Test
  void redirectAndDirectResponseAreKept() throws Exception {
    assertEquals(
        new RouteAction.Redirect(
            Optional.of("https"),
            Optional.empty(),
            Optional.empty(),
            Optional.of("/new"),
            Optional.empty(),
            308,
            false),
        action(
            "{\"match\":{\"path\":\"/old\"},\"redirect\":{\"https_redirect\":true,\"path_redirect\":\"/new\","
                + "\"response_code\":\"PERMANENT_REDIRECT\"}}"));
    assertEquals(
        new RouteAction.DirectResponse(404, Optional.of("no such page")),
        action(
            "{\"match\":{\"prefix\":\"/\"},\"direct_response\":{\"status\":404,"
                + "\"body\":{\"inline_string\":\"no such page\"}}}"));
  }
}
