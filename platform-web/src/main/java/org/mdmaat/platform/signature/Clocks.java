package org.mdmaat.platform.signature;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.InstantSource;

/** The system clock, as a bean a test can replace to see a login grow old. */
@ApplicationScoped
public class Clocks {
  @Produces
  @DefaultBean
  @ApplicationScoped
  InstantSource system() {
    return InstantSource.system();
  }
}
