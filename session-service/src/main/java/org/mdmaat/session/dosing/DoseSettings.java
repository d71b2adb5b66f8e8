package org.mdmaat.session.dosing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;

/** Deployment settings of the dose path; the trial's own rules come from its protocol. */
@ConfigMapping(prefix = "session.dose")
public interface DoseSettings {
  /**
   * mg MDMA base per mg MDMA HCl. The stored base weight is the HCl weight times this, to 0.01 mg.
   */
  @WithDefault("0.8403")
  BigDecimal baseFactor();

  /** How far a dose time may lie ahead of this server's clock (the device's clock may run fast). */
  @WithDefault("PT2M")
  Duration clockSkew();

  /**
   * A dose entered more than this after it was given is marked late; and the supplemental window
   * never counts from earlier than this before the initial dose was entered, so back-dating the
   * initial dose cannot make an early supplemental dose look on time.
   */
  @WithDefault("PT15M")
  Duration lateAfter();
}
