package io.github.tunneldiagnostics.core.internal.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Composes YAML (or JSON) text into snakeyaml-engine nodes, the way yaml.v3 builds its node tree, with
 * hard limits so hostile input is refused quickly: at most {@value #MAX_BYTES} bytes, {@value
 * #MAX_ALIASES} aliases to collections, nesting depth {@value #MAX_DEPTH} and {@value #MAX_NODES} nodes.
 * Only the first document is read, as cloudflared does.
 */
final class YamlReader {
  /**
   * Largest config accepted: 4 MiB. Real configs are a few KiB; a 1,000-rule config is about 100 KiB, so
   * this leaves room for 40,000 rules while keeping the worst case (4 MiB of comments) near a second.
   */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES = 100_000;

  /** A problem with the text itself; {@code line} and {@code column} are 1-based, 0 when unknown. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    SyntaxException(String message, int line, int column) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }

    int line() {
      return line;
    }

    int column() {
      return column;
    }
  }

  private YamlReader() {}

  /** Decodes strict UTF-8 (a leading BOM is dropped), reporting the line and column of a bad byte. */
  static String decodeUtf8(byte[] bytes) throws SyntaxException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes);
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new SyntaxException(
          String.format("invalid UTF-8 byte 0x%02x (the file is binary or not UTF-8 text)", bytes[bad] & 0xFF),
          line,
          bad - lineStart + 1);
    }
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : Math.max(0, bytes.length - 1);
  }

  /** The first document's root node, or empty for an empty stream (only comments or blanks). */
  static Optional<Node> compose(String text, String label) throws SyntaxException {
    if (text.length() > MAX_BYTES) {
      throw new SyntaxException("the text is longer than " + MAX_BYTES + " characters", 0, 0);
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(label)
            .setUseMarks(true)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_BYTES + 1)
            // one read of the whole text: with small buffers snakeyaml re-copies its window for every chunk
            // of a long token, which is quadratic (a 9 MB scalar took minutes)
            .setBufferSize(Math.max(1024, text.length() + 1))
            .setAllowDuplicateKeys(true)
            .setSchema(new FailsafeSchema()) // scalars are resolved the yaml.v3 way by YamlScalar
            .build();
    BoundedComposer composer = new BoundedComposer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
    try {
      if (!composer.hasNext()) {
        return Optional.empty();
      }
      return Optional.of(composer.next());
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      String context = e.getContext();
      String message = context == null || context.isBlank() ? problem : problem + " (" + context + ")";
      throw new SyntaxException(message, mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0));
    } catch (ReaderException e) {
      int[] position = lineColumn(text, e.getPosition());
      throw new SyntaxException(
          String.format("special character U+%04X is not allowed in YAML (the file is binary or not text)", e.getCodePoint()),
          position[0],
          position[1]);
    } catch (DepthException e) {
      throw new SyntaxException(e.getMessage(), e.line, e.column);
    } catch (YamlEngineException e) {
      Mark mark = composer.currentMark();
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("Number of aliases")) {
        message = "more than " + MAX_ALIASES + " aliases (*name) to lists or mappings; this looks like an alias bomb (\"billion laughs\")";
      }
      throw new SyntaxException(message, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1);
    } catch (StackOverflowError e) {
      throw new SyntaxException("the YAML is nested too deeply", 0, 0);
    }
  }

  private static int[] lineColumn(String text, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(index, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  private static final class DepthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    private final String text;

    DepthException(String message, int line, int column) {
      super(message, null, false, false);
      this.text = message;
      this.line = line;
      this.column = column;
    }

    @Override
    public String getMessage() {
      return text;
    }
  }

  /** A composer that refuses deep nesting and huge node counts before they can exhaust stack or heap. */
  private static final class BoundedComposer extends Composer {
    private int depth;
    private int nodes;

    BoundedComposer(LoadSettings settings, ParserImpl parser) {
      super(settings, parser);
    }

    @Nullable Mark currentMark() {
      try {
        return parser.peekEvent().getStartMark().orElse(null);
      } catch (RuntimeException e) {
        return null;
      }
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw limit("lists and mappings are nested more than " + MAX_DEPTH + " levels deep");
      }
      count();
    }

    private void count() {
      if (++nodes > MAX_NODES) {
        throw limit("the document has more than " + MAX_NODES + " values");
      }
    }

    private DepthException limit(String message) {
      Mark mark = currentMark();
      return new DepthException(message, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1);
    }

    @Override
    protected Node composeScalarNode(Optional<Anchor> anchor, java.util.List<org.snakeyaml.engine.v2.comments.CommentLine> comments) {
      count();
      return super.composeScalarNode(anchor, comments);
    }

    @Override
    protected SequenceNode composeSequenceNode(Optional<Anchor> anchor) {
      enter();
      try {
        return super.composeSequenceNode(anchor);
      } finally {
        depth--;
      }
    }

    @Override
    protected Node composeMappingNode(Optional<Anchor> anchor) {
      enter();
      try {
        return super.composeMappingNode(anchor);
      } finally {
        depth--;
      }
    }
  }
}
