package org.mdmaat.recruitment.randomization;

/** The two arms of a MAPP-style trial, allocated 1:1. */
public enum Arm {
  MDMA,
  PLACEBO
}
