/*
 * omp_limit.h - one OpenMP thread per process, set before libgomp starts.
 *
 * Tesseract's LSTM uses OpenMP; several threads per page only slow a batch
 * that already runs one worker process per core.  libgomp reads
 * OMP_THREAD_LIMIT once, when it is loaded (before main), so setting it
 * later in the process has no effect.  bs_omp_limit_reexec() therefore
 * re-executes the program once (its own path, from /proc/self/exe) with the
 * same argv, with
 * OMP_THREAD_LIMIT=1 in the environment, when the variable is unset.  A
 * value the user sets (OMP_THREAD_LIMIT=4 broadsheet run ...) is kept.
 * If the exec fails the program goes on unchanged.
 */
#ifndef BS_OMP_LIMIT_H
#define BS_OMP_LIMIT_H

/* Returns only when no re-exec happened (variable already set, or exec
 * failed). */
void bs_omp_limit_reexec(char **argv);

#endif
