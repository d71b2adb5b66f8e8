package org.mdmaat.recruitment.randomization;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Randomization strata: the site, and with subtype stratification the dissociative subtype. */
public final class Strata {
  private Strata() {}

  public static String of(String siteCode, boolean bySubtype, boolean dissociative) {
    if (!bySubtype) {
      return siteCode;
    }
    return siteCode + (dissociative ? "/dissociative" : "/non-dissociative");
  }

  public static List<String> all(Collection<String> siteCodes, boolean bySubtype) {
    var strata = new ArrayList<String>();
    for (var site : siteCodes) {
      if (bySubtype) {
        strata.add(of(site, true, true));
        strata.add(of(site, true, false));
      } else {
        strata.add(site);
      }
    }
    return strata;
  }
}
