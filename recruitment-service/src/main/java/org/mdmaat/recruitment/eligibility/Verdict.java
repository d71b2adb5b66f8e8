package org.mdmaat.recruitment.eligibility;

import java.util.List;

/** The engine's answer: the result and every criterion that failed or needs review. */
public record Verdict(Result result, List<Finding> findings) {}
