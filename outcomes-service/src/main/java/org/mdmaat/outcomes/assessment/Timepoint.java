package org.mdmaat.outcomes.assessment;

/**
 * The protocol timepoints at which instruments are administered (MAPP schedule), each with its
 * anchor (the baseline visit or a dosing session) and its default target date and window relative
 * to it. Offsets are calendar days (UTC) from the anchor's day; a null earliest offset is an open
 * start. The 18 weeks of the primary endpoint are MAPP1/MAPP2's (DOMAIN.md); the widths of the
 * windows are assumptions (no public protocol gives them), as is anchoring follow-ups on the last
 * dosing session. So the numbers here are only the defaults of a trial whose sponsor has not set
 * the timepoint's window ({@link TrialTimepointWindow}, judged with {@link TrialWindows}); the
 * anchor is the protocol's and not a setting.
 */
public enum Timepoint {
  /** Before the first dosing session (at least the day before). */
  BASELINE(Anchor.DOSING_SESSION_1, null, null, -1),
  /** About two weeks after dosing session 1, before session 2 (3–5 weeks later). */
  AFTER_SESSION_1(Anchor.DOSING_SESSION_1, 14, 1, 21),
  AFTER_SESSION_2(Anchor.DOSING_SESSION_2, 14, 1, 21),
  AFTER_SESSION_3(Anchor.DOSING_SESSION_3, 14, 1, 21),
  /** 18 weeks after baseline: the primary endpoint, ±2 weeks. */
  PRIMARY_ENDPOINT(Anchor.BASELINE, 126, 112, 140),
  /** Durability: 6 months after the last dosing session, ±30 days. */
  FOLLOW_UP_6_MONTHS(Anchor.DOSING_SESSION_3, 182, 152, 212),
  /** Durability: 12 months after the last dosing session, ±30 days. */
  FOLLOW_UP_12_MONTHS(Anchor.DOSING_SESSION_3, 365, 335, 395);

  /** What a window is counted from. */
  public enum Anchor {
    /** The participant's baseline visit: the earliest BASELINE assessment of any instrument. */
    BASELINE,
    /** The day of the first (initial) dose of the participant's n-th dosing session. */
    DOSING_SESSION_1,
    DOSING_SESSION_2,
    DOSING_SESSION_3;

    /** For a dosing session, its number (1–3); 0 for the baseline. */
    public int session() {
      return this == BASELINE ? 0 : ordinal();
    }
  }

  private final Anchor anchor;
  private final Integer targetDays;
  private final Integer earliestDays;
  private final Integer latestDays;

  Timepoint(Anchor anchor, Integer targetDays, Integer earliestDays, Integer latestDays) {
    this.anchor = anchor;
    this.targetDays = targetDays;
    this.earliestDays = earliestDays;
    this.latestDays = latestDays;
  }

  public Anchor anchor() {
    return anchor;
  }

  /**
   * Default days from the anchor to the target date; null when there is no single target
   * (baseline).
   */
  public Integer targetDays() {
    return targetDays;
  }

  /** Default first day of the window (days from the anchor); null: open. */
  public Integer earliestDays() {
    return earliestDays;
  }

  /** Default last day of the window (days from the anchor). */
  public Integer latestDays() {
    return latestDays;
  }
}
