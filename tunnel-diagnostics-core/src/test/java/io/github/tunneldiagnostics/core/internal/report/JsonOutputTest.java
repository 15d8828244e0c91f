package io.github.tunneldiagnostics.core.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class JsonOutputTest {

  @Test
  void writesNestedValuesIndentedAndEmptyContainersCompact() {
    // given
    JsonOutput json = new JsonOutput();

    // when
    String document = json.beginObject()
        .name("a").value(1)
        .name("b").beginArray().value("x").nullValue().beginObject().endObject().endArray()
        .name("c").beginArray().endArray()
        .endObject()
        .finish();

    // then
    assertThat(document).isEqualTo(
        """
        {
          "a": 1,
          "b": [
            "x",
            null,
            {}
          ],
          "c": []
        }
        """);
  }

  @Test
  void refusesAValueWithoutANameInsideAnObject() {
    // given
    JsonOutput json = new JsonOutput().beginObject();

    // when / then
    assertThatIllegalStateException().isThrownBy(() -> json.value("x")).withMessage("a value inside an object needs a name first");
  }

  @Test
  void refusesToFinishAnUnclosedDocument() {
    // given
    JsonOutput json = new JsonOutput().beginArray();

    // when / then
    assertThatIllegalStateException().isThrownBy(json::finish).withMessage("unclosed object or array");
  }
}
