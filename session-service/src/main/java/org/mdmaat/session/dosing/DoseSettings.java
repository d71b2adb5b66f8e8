package org.mdmaat.session.dosing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

@ConfigMapping(prefix = "session.dose")
public interface DoseSettings {
  /**
   * mg MDMA base per mg MDMA HCl. The stored base weight is the HCl weight times this, to 0.01 mg.
   */
  @WithDefault("0.8403")
  BigDecimal baseFactor();
}
