package dev.rigging.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.dsl.ast.MeshFile;
import org.junit.jupiter.api.Test;

/** The formatting decisions, one at a time; the golden tests show them together. */
class MeshFormatterTest {
  @Test
  void separatesHeaderImportsAndDeclarationsWithOneBlankLine() {
    assertFormats(
        """
        mesh demo
        import "a.mesh"
        import "b.mesh"
        service a { port 1 http } service b { port 2 http }



        service c { port 3 http }
        """,
        """
        mesh demo

        import "a.mesh"
        import "b.mesh"

        service a {
          port 1 http
        }

        service b {
          port 2 http
        }

        service c {
          port 3 http
        }
        """);
  }

  @Test
  void keepsOneBlankLineWhereTheUserHadSomeButNoneAtBlockEdges() {
    assertFormats(
        """
        mesh demo
        service a {

          port 1 http


          outbound 2
          calls b

        }
        """,
        """
        mesh demo

        service a {
          port 1 http

          outbound 2
          calls b
        }
        """);
  }

  @Test
  void keepsCommentsBeforeTrailingAndAtTheEndOfTheirItems() {
    assertFormats(
        """
        mesh demo
        service a {
              // before the port, at its indentation
          port 1 http    // after the port
          // at the end of the block
        }
        // at the end of the file
        """,
        """
        mesh demo

        service a {
          // before the port, at its indentation
          port 1 http // after the port
          // at the end of the block
        }
        // at the end of the file
        """);
  }

  @Test
  void movesCommentsFromInsideALineAboveIt() {
    assertFormats(
        """
        mesh demo
        route a {
          match path prefix "/a" // first condition
                header "h" present {
            split v1 50%, /* half */ v2 50%
          }
        }
        """,
        """
        mesh demo

        route a {
          // first condition
          match path prefix "/a" header "h" present {
            /* half */
            split v1 50%, v2 50%
          }
        }
        """);
  }

  @Test
  void keepsSingleActionRulesOnOneLineWithTheirTrailingComment() {
    assertFormats(
        """
        mesh demo
        route a {
          match path prefix "/a" {
              to v2 }   // the canary
          default { to v1 }
        }
        """,
        """
        mesh demo

        route a {
          match path prefix "/a" { to v2 } // the canary
          default { to v1 }
        }
        """);
  }

  @Test
  void putsTheCommentAfterAOneLineBlockOnItsHeaderLine() {
    assertFormats(
        """
        mesh demo
        route a {
          match path prefix "/a" { to v2 timeout 1s } // the canary
        }
        """,
        """
        mesh demo

        route a {
          match path prefix "/a" { // the canary
            to v2
            timeout 1s
          }
        }
        """);
  }

  @Test
  void writesEmptyBlocksAsBracePairsUnlessTheyHoldComments() {
    assertFormats(
        """
        mesh demo
        service a { version v1 {  } policy { outlier { /* later */ } } }
        """,
        """
        mesh demo

        service a {
          version v1 {}
          policy {
            outlier {
              /* later */
            }
          }
        }
        """);
  }

  @Test
  void keepsItemsRulesAndRetryClausesInSourceOrder() {
    assertFormats(
        """
        mesh demo
        route a {
          default { timeout 1s to v1 retries 2 backoff 1ms on 5xx per_try 1s per_try 2s }
          match path prefix "/" { to v2 }
        }
        """,
        """
        mesh demo

        route a {
          default {
            timeout 1s
            to v1
            retries 2 backoff 1ms on 5xx per_try 1s per_try 2s
          }
          match path prefix "/" { to v2 }
        }
        """);
  }

  @Test
  void writesListsWithCommaAndSpace() {
    assertFormats(
        """
        mesh demo
        service a { calls b,c  ,d version v1 { labels { version:"v1" , app : "a", } } }
        authz a { allow from b,c to GET,POST "/x","/y" when header "h" present and header "i" exact "j" }
        """,
        """
        mesh demo

        service a {
          calls b, c, d
          version v1 {
            labels { version: "v1", app: "a" }
          }
        }

        authz a {
          allow from b, c to GET, POST "/x", "/y" when header "h" present and header "i" exact "j"
        }
        """);
  }

  @Test
  void writesNumbersAsTheUserDid() {
    assertFormats(
        """
        mesh demo
        route a { default { split v1 33.30%, v2 66.70% timeout 1.50s } }
        """,
        """
        mesh demo

        route a {
          default {
            split v1 33.30%, v2 66.70%
            timeout 1.50s
          }
        }
        """);
  }

  @Test
  void writesStringsWithCanonicalEscapes() {
    assertFormats(
        """
        mesh demo
        route a { match path regex "^/v\\\\d+/\\d" { respond 200 "tab:\t." } }
        """,
        """
        mesh demo

        route a {
          match path regex "^/v\\d+/\\d" { respond 200 "tab:\\t." }
        }
        """);
  }

  @Test
  void refusesToDeleteWhatAParserRecoveringFromAnErrorLeftOut() {
    ParseResult result =
        Formatting.parse(
            "broken.mesh", "mesh demo\nservice a {\n  prot 1 http\n  port 2 http\n}\n");
    assertTrue(result.hasErrors());
    MeshFile partial = result.file().orElseThrow();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> MeshFormatter.format(partial));
    assertTrue(e.getMessage().contains("broken.mesh:3:3"), e.getMessage());
  }

  @Test
  void keepsDeeplyNestedSettingsTheCheckerWillReject() {
    String deep =
        "mesh demo\nservice a { policy { " + "b { ".repeat(12) + "x 1 " + "} ".repeat(12) + "} }\n";

    String formatted = Formatting.format(deep);

    assertEquals(12, formatted.lines().filter(l -> l.strip().equals("b {")).count(), formatted);
    assertTrue(formatted.contains("x 1"), formatted);
  }

  private static void assertFormats(String input, String expected) {
    assertEquals(expected, Formatting.format(input));
  }
}
