package org.smtptrail.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDirMixinTest {
  @Test
  void anEmptyDataFolderIsRefusedInsteadOfBeingTheCurrentFolder() {
    DataDirMixin mixin = new DataDirMixin();
    mixin.data = Path.of("");

    assertThatThrownBy(mixin::dataDirectory).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--data is empty");
  }

  @Test
  void aGivenFolderIsTakenAsAnAbsolutePath() {
    DataDirMixin mixin = new DataDirMixin();
    mixin.data = Path.of("some/folder");

    assertThat(mixin.dataDirectory().root()).isEqualTo(Path.of("some/folder").toAbsolutePath());
  }
}
