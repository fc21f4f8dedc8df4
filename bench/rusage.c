/* rusage: runs a command and reports its wall time, CPU time and peak RSS
 * with microsecond precision (GNU time rounds CPU to 10 ms).
 * Usage: rusage <command> [args...]
 * Prints, after the command exits, one line to stderr:
 *   RUSAGE <wall_us> <user_us> <sys_us> <maxrss_kb> <exit_status>
 * Built by bench/run.js with `cc -O2`; when no C compiler exists the runner
 * falls back to /usr/bin/time. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

static long long us(struct timeval tv) { return (long long)tv.tv_sec * 1000000LL + tv.tv_usec; }

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: rusage cmd [args]\n"); return 2; }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) { perror("fork"); return 2; }
  if (pid == 0) { execvp(argv[1], argv + 1); perror("execvp"); _exit(127); }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) { perror("wait4"); return 2; }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long wall = (t1.tv_sec - t0.tv_sec) * 1000000LL + (t1.tv_nsec - t0.tv_nsec) / 1000;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  fprintf(stderr, "RUSAGE %lld %lld %lld %ld %d\n", wall, us(ru.ru_utime), us(ru.ru_stime), ru.ru_maxrss, code);
  return code;
}
