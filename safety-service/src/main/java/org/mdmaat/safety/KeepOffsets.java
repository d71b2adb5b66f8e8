package org.mdmaat.safety;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Keeps the offset a time was sent with (a reading's "-07:00"): by default Jackson moves every
 * OffsetDateTime to UTC while reading it, and the site's local offset would be lost.
 */
@Singleton
public class KeepOffsets implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }
}
