/* bench/cputime.c - times one command for the benchmarks: runs it, waits
 * for it, and writes "WALL USER SYSTEM" in seconds with microseconds to a
 * file, as GNU time's -f "%e %U %S" does with hundredths. On a run of a
 * third of a second, hundredths are 3% steps: a ratio limited to 1.02
 * (the report's counts) or 1.0 (against wc -m) needs finer ones.
 *
 *   bench/cputime OUT-FILE COMMAND [ARGS...]
 *
 * The command's standard streams are its own; the exit status is the
 * command's (128 + the signal when a signal ended it, 127 when it could
 * not be run).
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds_of(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: cputime OUT-FILE COMMAND [ARGS...]\n");
        return 2;
    }
    double start = now();
    pid_t child = fork();
    if (child < 0) {
        perror("cputime: fork");
        return 127;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) < 0) {
        perror("cputime: wait4");
        return 127;
    }
    double wall = now() - start;
    FILE *out = fopen(argv[1], "w");
    if (!out ||
        fprintf(out, "%.6f %.6f %.6f\n", wall, seconds_of(usage.ru_utime),
                seconds_of(usage.ru_stime)) < 0 ||
        fclose(out) != 0) {
        perror(argv[1]);
        return 127;
    }
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
