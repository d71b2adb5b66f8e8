package org.mdmaat.platform.problem;

/** The caller may not do this (403). */
public class Forbidden extends Problem {
  private static final long serialVersionUID = 1L;

  public Forbidden(String code, String detail) {
    super(code, detail, null);
  }

  @Override
  public int status() {
    return 403;
  }
}
