package org.mdmaat.recruitment.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo data for a local run. */
@ConfigMapping(prefix = "recruitment.demo")
public interface DemoConfig {
  /** Seed the demo trial, its sites, recruitment call and allocation lists at startup. */
  @WithDefault("false")
  boolean seed();

  /** The demo trial's id: fixed, so other services' demo data and scripts can name it. */
  @WithDefault("MAPP-DEMO")
  String trialId();
}
