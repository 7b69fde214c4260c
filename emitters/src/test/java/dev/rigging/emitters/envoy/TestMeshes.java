package dev.rigging.emitters.envoy;

import static dev.rigging.emitters.envoy.Ir.authzRule;
import static dev.rigging.emitters.envoy.Ir.defaultPolicy;
import static dev.rigging.emitters.envoy.Ir.endpoint;
import static dev.rigging.emitters.envoy.Ir.faulty;
import static dev.rigging.emitters.envoy.Ir.field;
import static dev.rigging.emitters.envoy.Ir.forward;
import static dev.rigging.emitters.envoy.Ir.match;
import static dev.rigging.emitters.envoy.Ir.ms;
import static dev.rigging.emitters.envoy.Ir.path;
import static dev.rigging.emitters.envoy.Ir.percent;
import static dev.rigging.emitters.envoy.Ir.rule;
import static dev.rigging.emitters.envoy.Ir.service;
import static dev.rigging.emitters.envoy.Ir.split;
import static dev.rigging.emitters.envoy.Ir.to;
import static dev.rigging.emitters.envoy.Ir.version;

import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.Fault;
import dev.rigging.compiler.ir.Gateway;
import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.Protocol;
import dev.rigging.compiler.ir.StringMatch;
import dev.rigging.compiler.ir.TrafficPolicy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Small checked meshes, each built as the compiler would from the {@code .mesh} text shown. */
final class TestMeshes {
  private TestMeshes() {}

  static List<Mesh> all() {
    return List.of(canary(), authz(), bookinfoGateway(), trafficPolicy(), routeFeatures());
  }

  /** A canary: 80/20 split between versions, with injected delay and abort. */
  static Mesh canary() {
    var src =
        new MeshSource(
            "canary.mesh",
            """
            mesh shop

            service frontend {
              port 8080 http
              outbound 15001
              calls reviews
              endpoint 10.0.0.10:9080
            }

            service reviews {
              port 8081 http
              version v1 {
                labels { version: "v1" }
                endpoint 10.0.1.1:9080
                endpoint 10.0.1.2:9080
              }
              version v2 {
                labels { version: "v2" }
                endpoint 10.0.2.1:9080
              }
            }

            route reviews {
              match header "x-canary" exact "true" {
                to reviews.v2
              }
              default {
                split reviews.v1 80%, reviews.v2 20%
                fault delay 5s on 10%, abort 500 on 10%
              }
            }
            """);
    var frontendSpan = src.at("service frontend");
    var frontend =
        service("frontend", 8080, frontendSpan)
            .outbound(15001)
            .calls("reviews")
            .endpoint("10.0.0.10", 9080, src.at("endpoint 10.0.0.10:9080"))
            .build();
    var reviewsSpan = src.at("service reviews");
    var v1 =
        version(
            "v1",
            List.of(
                endpoint("10.0.1.1", 9080, src.at("endpoint 10.0.1.1:9080")),
                endpoint("10.0.1.2", 9080, src.at("endpoint 10.0.1.2:9080"))),
            defaultPolicy(reviewsSpan),
            src.at("version v1"));
    var v2 =
        version(
            "v2",
            List.of(endpoint("10.0.2.1", 9080, src.at("endpoint 10.0.2.1:9080"))),
            defaultPolicy(reviewsSpan),
            src.at("version v2"));
    var reviews =
        service("reviews", 8081, reviewsSpan)
            .version(v1)
            .version(v2)
            .routes(
                rule(
                    match(
                        null,
                        List.of(),
                        List.of(field("x-canary", new StringMatch.Exact("true"))),
                        List.of()),
                    forward(to("reviews", "v2")),
                    src.at("match header \"x-canary\"")),
                faulty(
                    Match.ANY,
                    split(to("reviews", "v1"), "80", to("reviews", "v2"), "20"),
                    new Fault.Delay(ms(5000), percent("10")),
                    new Fault.Abort(500, percent("10")),
                    src.after("route reviews", "default")))
            .build();
    return new Mesh("shop", List.of(frontend, reviews), List.of(), List.of());
  }

  /** Default-deny authz with allow and deny rules, and a caller without any route block. */
  static Mesh authz() {
    var src =
        new MeshSource(
            "authz.mesh",
            """
            mesh bank

            service callme {
              port 9000 http
              endpoint 10.1.0.1:8080
            }

            service caller {
              port 9001 http
              outbound 15001
              calls callme
              endpoint 10.1.0.2:8080
            }

            service auditor {
              port 9002 http
              outbound 15002
              calls callme
              endpoint 10.1.0.3:8080
            }

            authz callme {
              default deny
              allow from caller to GET, POST "/callme/*"
              allow from auditor, caller to GET "/audit" "*.json"
              allow to "/healthz"
              deny when header "x-debug" present
              deny from auditor to DELETE "*"
              deny to "/admin/*" when header "x-admin" absent and header "x-env" prefix "prod"
            }
            """);
    var callmeSpan = src.at("service callme");
    var authz =
        new Authz(
            Authz.Decision.DENY,
            List.of(
                authzRule(
                    Authz.Decision.ALLOW,
                    List.of("caller"),
                    "bank",
                    List.of("GET", "POST"),
                    List.of(new Authz.PathPattern.Prefix("/callme/")),
                    List.of(),
                    src.at("allow from caller to")),
                authzRule(
                    Authz.Decision.ALLOW,
                    List.of("auditor", "caller"),
                    "bank",
                    List.of("GET"),
                    List.of(
                        new Authz.PathPattern.Exact("/audit"),
                        new Authz.PathPattern.Suffix(".json")),
                    List.of(),
                    src.at("allow from auditor")),
                authzRule(
                    Authz.Decision.ALLOW,
                    List.of(),
                    "bank",
                    List.of(),
                    List.of(new Authz.PathPattern.Exact("/healthz")),
                    List.of(),
                    src.at("allow to \"/healthz\"")),
                authzRule(
                    Authz.Decision.DENY,
                    List.of(),
                    "bank",
                    List.of(),
                    List.of(),
                    List.of(field("x-debug", new StringMatch.Present())),
                    src.at("deny when header")),
                authzRule(
                    Authz.Decision.DENY,
                    List.of("auditor"),
                    "bank",
                    List.of("DELETE"),
                    List.of(new Authz.PathPattern.Any()),
                    List.of(),
                    src.at("deny from auditor")),
                authzRule(
                    Authz.Decision.DENY,
                    List.of(),
                    "bank",
                    List.of(),
                    List.of(new Authz.PathPattern.Prefix("/admin/")),
                    List.of(
                        field("x-admin", new StringMatch.Absent()),
                        field("x-env", new StringMatch.Prefix("prod"))),
                    src.at("deny to \"/admin/*\""))),
            src.at("authz callme"));
    var callme =
        service("callme", 9000, callmeSpan)
            .endpoint("10.1.0.1", 8080, src.at("endpoint 10.1.0.1:8080"))
            .authz(authz)
            .build();
    var caller =
        service("caller", 9001, src.at("service caller"))
            .outbound(15001)
            .calls("callme")
            .endpoint("10.1.0.2", 8080, src.at("endpoint 10.1.0.2:8080"))
            .build();
    var auditor =
        service("auditor", 9002, src.at("service auditor"))
            .outbound(15002)
            .calls("callme")
            .endpoint("10.1.0.3", 8080, src.at("endpoint 10.1.0.3:8080"))
            .build();
    return new Mesh("bank", List.of(auditor, callme, caller), List.of(), List.of());
  }

  /** Bookinfo's ingress: exact and prefix paths to productpage. */
  static Mesh bookinfoGateway() {
    var src =
        new MeshSource(
            "bookinfo.mesh",
            """
            mesh bookinfo

            service productpage {
              port 9080 http
              endpoint 10.2.0.1:9080
            }

            gateway ingress {
              port 8080 http
              hosts "bookinfo.example.com", "*"
              match path exact "/productpage" { to productpage }
              match path prefix "/static" { to productpage }
              match path exact "/login" { to productpage }
              match path exact "/logout" { to productpage }
              match path prefix "/api/v1/products" { to productpage }
            }
            """);
    var productpage =
        service("productpage", 9080, src.at("service productpage"))
            .endpoint("10.2.0.1", 9080, src.at("endpoint 10.2.0.1:9080"))
            .build();
    var gateway =
        new Gateway(
            "ingress",
            8080,
            Protocol.HTTP,
            List.of("bookinfo.example.com", "*"),
            List.of(
                rule(
                    path(new StringMatch.Exact("/productpage")),
                    forward(to("productpage")),
                    src.at("match path exact \"/productpage\"")),
                rule(
                    path(new StringMatch.Prefix("/static")),
                    forward(to("productpage")),
                    src.at("match path prefix \"/static\"")),
                rule(
                    path(new StringMatch.Exact("/login")),
                    forward(to("productpage")),
                    src.at("match path exact \"/login\"")),
                rule(
                    path(new StringMatch.Exact("/logout")),
                    forward(to("productpage")),
                    src.at("match path exact \"/logout\"")),
                rule(
                    path(new StringMatch.Prefix("/api/v1/products")),
                    forward(to("productpage")),
                    src.at("match path prefix \"/api/v1/products\""))),
            src.at("gateway ingress"));
    return new Mesh("bookinfo", List.of(productpage), List.of(gateway), List.of());
  }

  /** Circuit breaking, outlier detection and load balancing, per service and per version. */
  static Mesh trafficPolicy() {
    var src =
        new MeshSource(
            "policy.mesh",
            """
            mesh payments

            service checkout {
              port 7000 http
              outbound 15001
              calls ledger
              endpoint "checkout.internal:8080"
            }

            service ledger {
              port 7001 grpc
              policy {
                load_balancer least_request
                connect_timeout 250ms
                limits {
                  max_connections 100
                  max_pending_requests 10
                  max_requests 1000
                  max_retries 3
                  max_requests_per_connection 50
                }
                outlier {
                  consecutive_5xx 5
                  interval 10s
                  base_ejection_time 30s
                  max_ejected 12.5%
                }
              }
              version stable {
                labels { track: "stable" }
                endpoint 10.3.0.1:50051
              }
              version next {
                labels { track: "next" }
                endpoint "[fd00::1]:50051"
                policy {
                  load_balancer random
                  limits { max_connections 10 }
                }
              }
            }
            """);
    var ledgerPolicySpan = src.after("service ledger", "policy {");
    var ledgerPolicy =
        new TrafficPolicy(
            TrafficPolicy.LoadBalancer.LEAST_REQUEST,
            Optional.of(ms(250)),
            new TrafficPolicy.Limits(
                OptionalInt.of(100),
                OptionalInt.of(10),
                OptionalInt.of(1000),
                OptionalInt.of(3),
                OptionalInt.of(50)),
            Optional.of(
                new TrafficPolicy.OutlierDetection(5, ms(10_000), ms(30_000), percent("12.5"))),
            ledgerPolicySpan);
    var nextPolicy =
        new TrafficPolicy(
            TrafficPolicy.LoadBalancer.RANDOM,
            Optional.of(ms(250)),
            new TrafficPolicy.Limits(
                OptionalInt.of(10),
                OptionalInt.of(10),
                OptionalInt.of(1000),
                OptionalInt.of(3),
                OptionalInt.of(50)),
            ledgerPolicy.outlier(),
            src.after("version next", "policy {"));
    var ledger =
        service("ledger", 7001, src.at("service ledger"))
            .protocol(Protocol.GRPC)
            .policy(ledgerPolicy)
            .version(
                version(
                    "stable",
                    List.of(endpoint("10.3.0.1", 50051, src.at("endpoint 10.3.0.1:50051"))),
                    ledgerPolicy,
                    src.at("version stable")))
            .version(
                version(
                    "next",
                    List.of(endpoint("fd00::1", 50051, src.at("endpoint \"[fd00::1]:50051\""))),
                    nextPolicy,
                    src.at("version next")))
            .build();
    var checkout =
        service("checkout", 7000, src.at("service checkout"))
            .outbound(15001)
            .calls("ledger")
            .endpoint("checkout.internal", 8080, src.at("endpoint \"checkout.internal:8080\""))
            .build();
    return new Mesh("payments", List.of(checkout, ledger), List.of(), List.of());
  }

  /** Every route feature: matches, retries, mirror, rewrites, redirects, responses, headers. */
  static Mesh routeFeatures() {
    return RouteFeaturesMesh.build();
  }
}
