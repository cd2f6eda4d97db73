package org.smtptrail.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.smtptrail.core.event.LogEvent;

/**
 * Every text an event carries, found through its record components (the header and its source line, addresses,
 * replies, relays, descriptions), so a test can say "this never appears anywhere in what the parser emitted" without
 * knowing each event kind's fields.
 */
public final class EventStrings {
  private EventStrings() {}

  /** The strings of one event, in component order. */
  public static List<String> of(LogEvent event) {
    List<String> strings = new ArrayList<>();
    collect(event, strings, 0);
    return strings;
  }

  /** The strings of every event. */
  public static List<String> of(Collection<? extends LogEvent> events) {
    List<String> strings = new ArrayList<>();
    events.forEach(event -> collect(event, strings, 0));
    return strings;
  }

  private static void collect(Object value, List<String> strings, int depth) {
    if (value == null || depth > 8) {
      return;
    }
    if (value instanceof CharSequence text) {
      strings.add(text.toString());
    } else if (value instanceof Collection<?> values) {
      values.forEach(element -> collect(element, strings, depth + 1));
    } else if (value instanceof Record record) {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          component.getAccessor().setAccessible(true);
          collect(component.getAccessor().invoke(record), strings, depth + 1);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
        }
      }
    }
  }
}
