package dev.rigging.dsl;

import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

/**
 * Messy inputs and their canonical form, approved by reading them: each input is a resource in
 * {@code fmt/}, each output the {@code .approved.txt} file next to this class.
 */
class MeshFormatterGoldenTest {
  @Test
  void everythingOnOneLine() {
    Approvals.verify(Formatting.format(Formatting.resource("one-line.mesh")));
  }

  @Test
  void badIndentationAndBlankLines() {
    Approvals.verify(Formatting.format(Formatting.resource("bad-indentation.mesh")));
  }

  @Test
  void commentsEverywhere() {
    Approvals.verify(Formatting.format(Formatting.resource("comments-everywhere.mesh")));
  }

  @Test
  void crlfLineEndings() {
    Approvals.verify(Formatting.format(Formatting.withCrlf(Formatting.resource("crlf.mesh"))));
  }

  @Test
  void tabs() {
    Approvals.verify(Formatting.format(Formatting.resource("tabs.mesh")));
  }

  @Test
  void everyConstructOfTheGrammar() {
    Approvals.verify(Formatting.format(Formatting.resource("all-constructs.mesh")));
  }
}
