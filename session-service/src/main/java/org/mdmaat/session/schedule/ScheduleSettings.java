package org.mdmaat.session.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Schedule settings the trial's visit template does not carry (all assumed: no public source). */
@ConfigMapping(prefix = "session.schedule")
public interface ScheduleSettings {
  /** Days between preparation sessions. */
  @WithDefault("7")
  int preparationIntervalDays();

  /** Preparation sessions may be held this many days either side of their target. */
  @WithDefault("3")
  int preparationWindowDays();

  /** Days from the last preparation session to the first experimental session. */
  @WithDefault("7")
  int firstExperimentalAfterPreparationDays();

  /** Integration sessions may be held this many days either side of their target. */
  @WithDefault("2")
  int integrationWindowDays();
}
