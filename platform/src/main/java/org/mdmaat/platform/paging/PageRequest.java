package org.mdmaat.platform.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The paging query of every list endpoint, with one default and one maximum: {@code ?page=0} (from
 * 0) and {@code ?size=50} (1 to {@value #MAX_SIZE}). A list resource takes it as
 * {@code @BeanParam @Valid PageRequest paging}; out of range is a 400 problem naming the parameter.
 */
public class PageRequest {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 200;

  @QueryParam("page")
  @DefaultValue("0")
  @Min(0)
  int page;

  @QueryParam("size")
  @DefaultValue("" + DEFAULT_SIZE)
  @Min(1)
  @Max(MAX_SIZE)
  int size = DEFAULT_SIZE;

  public PageRequest() {}

  /** For callers outside a request (tests, jobs). */
  public static PageRequest of(int page, int size) {
    var request = new PageRequest();
    request.page = page;
    request.size = size;
    return request;
  }

  public int page() {
    return page;
  }

  public int size() {
    return size;
  }
}
