/* tests/test_progress.c - the progress line: rates, share done and ETA of
 * a whole run, of a shard, of a resumed run and of standard input.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "progress_line.h"

Test(progress, whole_input_has_rates_share_and_eta)
{
    sl_progress_meter m;
    char line[256];
    sl_progress_begin(&m, 100.0, 0, 0, 0, 100000000, false);
    sl_progress_line(&m, line, sizeof line, 110.0, 12345, 60000000, 50000000);
    cr_assert(strstr(line, "12,345 docs  60.0 MB"), "%s", line);
    cr_assert(strstr(line, "1,234 docs/s  6.0 MB/s"), "%s", line);
    cr_assert(strstr(line, "  50%  ETA 0:00:10"), "%s", line);
}

Test(progress, standard_input_has_rates_but_no_share_or_eta)
{
    sl_progress_meter m;
    char line[256];
    sl_progress_begin(&m, 0.0, 0, 0, 0, 0, false);
    sl_progress_line(&m, line, sizeof line, 1.0, 10, 5000, 5000);
    cr_assert(strstr(line, "10 docs/s"), "%s", line);
    cr_assert_null(strstr(line, "%"), "%s", line);
    cr_assert_null(strstr(line, "ETA"), "%s", line);
}

/* The second of two shards reads positions [50 MB, 100 MB): a quarter of
 * the input read is half of its range, not three quarters of the input. */
Test(progress, a_shard_counts_from_the_start_of_its_range)
{
    sl_progress_meter m;
    char line[256];
    sl_progress_begin(&m, 0.0, 0, 0, 50000000, 100000000, false);
    sl_progress_line(&m, line, sizeof line, 20.0, 1000, 25000000, 75000000);
    cr_assert(strstr(line, "  50%  ETA 0:00:20"), "%s", line);
    cr_assert(strstr(line, "1.2 MB/s"), "%s", line);
    /* the record that crosses the end is the shard's: never past 100% */
    sl_progress_line(&m, line, sizeof line, 40.0, 2000, 50000000, 100400000);
    cr_assert(strstr(line, "  100%  ETA 0:00:00"), "%s", line);
}

/* A run resumed from a checkpoint of 9,000 documents (90 MB, positions up
 * to 90 MB of 100 MB): its rates count only what it did, and its ETA runs
 * from its first record, not from the start of the input. */
Test(progress, a_resumed_run_counts_its_own_rates_and_eta)
{
    sl_progress_meter m;
    char line[256];
    sl_progress_begin(&m, 0.0, 9000, 90000000, 0, 100000000, true);
    sl_progress_line(&m, line, sizeof line, 2.0, 9100, 91000000, 91000000);
    cr_assert(strstr(line, "9,100 docs  91.0 MB  50 docs/s  0.5 MB/s  91%"),
              "%s", line);
    cr_assert_null(strstr(line, "ETA"), "no rate through the input yet: %s",
                   line);
    sl_progress_line(&m, line, sizeof line, 12.0, 9600, 96000000, 96000000);
    cr_assert(strstr(line, "  96%  ETA 0:00:08"), "%s", line);
}

Test(progress, a_short_buffer_is_cut_not_overrun)
{
    sl_progress_meter m;
    char line[24];
    memset(line, 'x', sizeof line);
    sl_progress_begin(&m, 0.0, 0, 0, 0, 100, false);
    sl_progress_line(&m, line, sizeof line, 1.0, 123456789, 50, 50);
    cr_assert_eq(strlen(line), sizeof line - 1);
}
