package org.smtptrail.engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Commands that start a class's {@code main} in a JVM of its own, for tests that kill a real process. */
public final class ChildJvms {
  private ChildJvms() {}

  /** The java command of this JVM, with its module and system-property flags and class path, running {@code main}. */
  public static List<String> command(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("--enable-native"))
        .toList());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
