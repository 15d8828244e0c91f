package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * A small streaming JSON writer with two-space indentation. Objects and arrays with no members are
 * written as {@code {}} and {@code []}; arrays of scalars are not special-cased. Misuse (a value without a
 * name inside an object, unbalanced ends) throws {@link IllegalStateException}: it is a bug in the
 * caller.
 */
final class JsonOutput {
  private final StringBuilder out = new StringBuilder();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private boolean nameWritten;

  private static final class Frame {
    final boolean object;
    int members;

    Frame(boolean object) {
      this.object = object;
    }
  }

  JsonOutput beginObject() {
    beforeValue();
    out.append('{');
    stack.push(new Frame(true));
    return this;
  }

  JsonOutput endObject() {
    return end(true, '}');
  }

  JsonOutput beginArray() {
    beforeValue();
    out.append('[');
    stack.push(new Frame(false));
    return this;
  }

  JsonOutput endArray() {
    return end(false, ']');
  }

  JsonOutput name(String name) {
    Frame frame = stack.peek();
    if (frame == null || !frame.object || nameWritten) {
      throw new IllegalStateException("a name is only allowed directly inside an object: " + name);
    }
    separate(frame);
    JsonString.appendQuoted(Redaction.redact(name), out); // an evidence key is a name, and may come from outside
    out.append(": ");
    nameWritten = true;
    return this;
  }

  JsonOutput value(@Nullable String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      JsonString.appendQuoted(Redaction.redact(value), out); // every value, whatever its origin, under the one policy
    }
    return this;
  }

  JsonOutput value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonOutput value(double value) {
    beforeValue();
    out.append(Double.isFinite(value) ? Double.toString(value) : "null");
    return this;
  }

  JsonOutput value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  JsonOutput nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** The document written so far; call after the outermost value is complete. */
  String finish() {
    if (!stack.isEmpty()) {
      throw new IllegalStateException("unclosed object or array");
    }
    return out.append('\n').toString();
  }

  private void beforeValue() {
    Frame frame = stack.peek();
    if (frame == null) {
      if (out.length() > 0) {
        throw new IllegalStateException("a document holds one value");
      }
      return;
    }
    if (frame.object) {
      if (!nameWritten) {
        throw new IllegalStateException("a value inside an object needs a name first");
      }
      nameWritten = false;
    } else {
      separate(frame);
    }
  }

  private void separate(Frame frame) {
    if (frame.members++ > 0) {
      out.append(',');
    }
    newline(stack.size());
  }

  private JsonOutput end(boolean object, char close) {
    Frame frame = stack.peek();
    if (frame == null || frame.object != object || nameWritten) {
      throw new IllegalStateException("unbalanced " + close);
    }
    stack.pop();
    if (frame.members > 0) {
      newline(stack.size());
    }
    out.append(close);
    return this;
  }

  private void newline(int depth) {
    out.append('\n');
    out.append("  ".repeat(depth));
  }
}
