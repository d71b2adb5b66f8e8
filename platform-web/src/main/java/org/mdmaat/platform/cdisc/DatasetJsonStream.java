package org.mdmaat.platform.cdisc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Streams a Dataset-JSON file page by page: the header with the announced number of records, then
 * each page of rows as the source yields it, then the end. Only one page is in memory at a time;
 * the source is asked for the next page when the previous one has been written out.
 */
public final class DatasetJsonStream {
  /**
   * The rows of one page (from 0), each in the columns' order; an empty page ends the file. The
   * source chooses its page size (a page of source records may make several rows).
   */
  @FunctionalInterface
  public interface Pages {
    Uni<List<Object[]>> page(int page);
  }

  /** The page size the services read their source records in. */
  public static final int PAGE_SIZE = 500;

  private DatasetJsonStream() {}

  /**
   * The file's bytes in chunks. {@code records} must be the number of rows the pages will yield
   * (counted in the same read); a mismatch fails the stream rather than write a file that lies.
   */
  public static Multi<Buffer> of(
      DatasetJson.Header header, String originator, long records, Pages pages) {
    return Multi.createFrom()
        .deferred(
            () -> {
              var writer = new DatasetJsonWriter(header, originator, records);
              var head = Multi.createFrom().item(() -> Buffer.buffer(writer.drain()));
              Multi<Buffer> body =
                  Multi.createBy()
                      .repeating()
                      .uni(
                          () -> new int[] {0},
                          next ->
                              pages
                                  .page(next[0]++)
                                  .map(
                                      rows -> {
                                        rows.forEach(writer::row);
                                        return rows.size();
                                      }))
                      .until(size -> size == 0)
                      .map(ignored -> Buffer.buffer(writer.drain()));
              var tail =
                  Multi.createFrom()
                      .item(
                          () -> {
                            writer.finish();
                            return Buffer.buffer(writer.drain());
                          });
              return Multi.createBy().concatenating().streams(head, body, tail);
            });
  }

  /** A whole file as one string, for the tests and for small domains. */
  public static Uni<String> text(Multi<Buffer> chunks) {
    return chunks.collect().in(Buffer::buffer, Buffer::appendBuffer).map(Buffer::toString);
  }

  /** Helper for a source with everything already in one list (small domains). */
  public static Pages fromList(List<Object[]> rows) {
    return page -> {
      int from = Math.min(rows.size(), page * PAGE_SIZE);
      return Uni.createFrom().item(rows.subList(from, Math.min(rows.size(), from + PAGE_SIZE)));
    };
  }
}
