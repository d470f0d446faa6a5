/* tests/test_run_plan.c - the pieces of the run's file plan: when two
 * paths name one file (path_identity), the advisory lock on a file a run
 * writes (run_lock), and what is taken for a stream written in place
 * (output_path).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output_path.h"
#include "path_identity.h"
#include "run_lock.h"

static char scratch[256];
static char previous_dir[4096];

static void enter_scratch(void)
{
    snprintf(scratch, sizeof scratch, "/tmp/sluice-test-run-plan-%ld",
             (long)getpid());
    cr_assert_not_null(getcwd(previous_dir, sizeof previous_dir));
    cr_assert_eq(mkdir(scratch, 0777), 0);
    cr_assert_eq(chdir(scratch), 0);
}

static void leave_scratch(void)
{
    cr_assert_eq(chdir(previous_dir), 0);
    char command[600];
    snprintf(command, sizeof command, "rm -rf %s", scratch);
    cr_assert_eq(system(command), 0);
}

TestSuite(run_plan, .init = enter_scratch, .fini = leave_scratch);

static void touch(const char *path)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fclose(f);
}

static bool same(const char *a, const char *b)
{
    sl_path_identity ia, ib;
    cr_assert_eq(sl_path_identity_of(a, &ia), 0);
    cr_assert_eq(sl_path_identity_of(b, &ib), 0);
    bool result = sl_path_identity_same(&ia, &ib);
    sl_path_identity_clear(&ia);
    sl_path_identity_clear(&ib);
    return result;
}

Test(run_plan, spellings_of_a_file_that_does_not_exist_yet_are_one_file)
{
    char absolute[4200];
    snprintf(absolute, sizeof absolute, "%s/new.jsonl", scratch);
    cr_assert(same("new.jsonl", "./new.jsonl"));
    cr_assert(same("new.jsonl", absolute));
    cr_assert(same("new.jsonl", "no/such/../../new.jsonl"));
    cr_assert(same("out//x.jsonl", "out/./x.jsonl"));
    cr_assert_not(same("new.jsonl", "other.jsonl"));
}

Test(run_plan, an_existing_file_is_known_by_its_inode)
{
    touch("a.jsonl");
    cr_assert_eq(link("a.jsonl", "hard.jsonl"), 0);
    cr_assert_eq(symlink("a.jsonl", "soft.jsonl"), 0);
    cr_assert(same("a.jsonl", "hard.jsonl"));
    cr_assert(same("./soft.jsonl", "a.jsonl"));
    touch("b.jsonl");
    cr_assert_not(same("a.jsonl", "b.jsonl"));
}

Test(run_plan, a_file_below_a_folder_is_inside_it)
{
    cr_assert_eq(mkdir("in", 0777), 0);
    sl_path_identity folder, below, beside;
    cr_assert_eq(sl_path_identity_of("./in/", &folder), 0);
    cr_assert_eq(sl_path_identity_of("in/deeper/x.jsonl", &below), 0);
    cr_assert_eq(sl_path_identity_of("input.jsonl", &beside), 0);
    cr_assert(sl_path_identity_inside(&below, &folder));
    cr_assert_not(sl_path_identity_inside(&beside, &folder));
    sl_path_identity_clear(&folder);
    sl_path_identity_clear(&below);
    sl_path_identity_clear(&beside);
}

Test(run_plan, a_taken_lock_refuses_a_second_taker_naming_the_holder)
{
    char *message = NULL;
    sl_run_lock *first = sl_run_lock_take("out/x.jsonl", &message);
    cr_assert_not_null(first, "%s", message ? message : "");
    cr_assert_str_eq(sl_run_lock_path(first), "out/.x.jsonl.lock");
    sl_run_lock *second = sl_run_lock_take("out/x.jsonl", &message);
    cr_assert_null(second);
    char pid[64];
    snprintf(pid, sizeof pid, "(pid %ld", (long)getpid());
    cr_assert_not_null(strstr(message, pid), "%s", message);
    cr_assert_not_null(strstr(message, "out/x.jsonl"), "%s", message);
    free(message);
    sl_run_lock_release(first);
    cr_assert_neq(access("out/.x.jsonl.lock", F_OK), 0);
    sl_run_lock *again = sl_run_lock_take("out/x.jsonl", &message);
    cr_assert_not_null(again);
    sl_run_lock_release(again);
}

Test(run_plan, a_lock_file_left_by_a_killed_run_is_taken_over)
{
    FILE *f = fopen(".y.jsonl.lock", "w");
    cr_assert_not_null(f);
    fputs("999999\n", f);
    fclose(f);
    char *message = NULL;
    sl_run_lock *lock = sl_run_lock_take("y.jsonl", &message);
    cr_assert_not_null(lock, "%s", message ? message : "");
    sl_run_lock_release(lock);
}

Test(run_plan, standard_stream_names_are_written_in_place)
{
    cr_assert_eq(sl_output_std_stream("-"), STDOUT_FILENO);
    cr_assert_eq(sl_output_std_stream("/dev/stdout"), STDOUT_FILENO);
    cr_assert_eq(sl_output_std_stream("/dev/stderr"), STDERR_FILENO);
    cr_assert_eq(sl_output_std_stream("stdout"), -1);
    cr_assert(sl_output_is_stream("/dev/null"));
    cr_assert(sl_output_is_stream("/dev/stdout"));
    touch("plain.jsonl");
    cr_assert_not(sl_output_is_stream("plain.jsonl"));
    cr_assert_not(sl_output_is_stream("missing.jsonl"));
}
