package org.mdmaat.recruitment.eligibility;

/** How a rule compares an answer with its value. */
public enum Operator {
  GTE,
  GT,
  LTE,
  LT,
  EQ,
  NEQ,
  /** The answer is one of the value's elements. */
  IN,
  /** The answer (a list) shares at least one element with the value (a list). */
  CONTAINS_ANY,
  IS_TRUE,
  IS_FALSE
}
