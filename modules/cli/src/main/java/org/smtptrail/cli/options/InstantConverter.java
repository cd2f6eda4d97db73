package org.smtptrail.cli.options;

import java.time.Instant;
import java.time.ZoneId;
import org.smtptrail.engine.query.TimeSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --since}/{@code --until}: "2h", "3d", "2026-11-22", "2026-11-22T10:00:00Z" (local zone if none). */
public final class InstantConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return TimeSpec.parse(value, Instant.now(), ZoneId.systemDefault());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
