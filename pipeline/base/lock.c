/*
 * lock.c - one broadsheet at a time in a folder: advisory locks on page
 * folders and on OUT (see base.h).
 *
 * The lock is flock(2) on the file DIR/.broadsheet.lock, opened read-write
 * (so it also works where flock is emulated with fcntl locks, as on NFS).
 * The kernel drops it when the holder's last descriptor closes, so a run
 * killed with SIGKILL (a Slurm task cancelled, a node lost) never leaves a
 * page locked.  The file itself stays, empty (a dot name: folder listings
 * skip it; it is the same in every run, so outputs compare equal).
 */
#include "base.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int bs_lock_take(struct bs_lock *lk, const char *dir, int wait,
                 struct bs_error *err)
{
    char *path = bs_path_join(dir, BS_LOCK_NAME);
    int fd, rc;

    lk->fd = -1;
    fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) {
        int e = errno;
        rc = bs_fail(err, "%s: cannot open the lock: %s", path, strerror(e));
        free(path);
        return rc;
    }
    while ((rc = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB))) != 0 &&
           errno == EINTR)
        ;
    if (rc != 0 && errno == EWOULDBLOCK) {
        close(fd);
        free(path);
        return 1;
    }
    if (rc != 0) {
        int e = errno;
        close(fd);
        rc = bs_fail(err, "%s: cannot lock: %s", path, strerror(e));
        free(path);
        return rc;
    }
    free(path);
    lk->fd = fd;
    return 0;
}

void bs_lock_release(struct bs_lock *lk)
{
    if (lk->fd >= 0)
        close(lk->fd); /* releases the flock */
    lk->fd = -1;
}
