/* core/input_wait.c - reads that a stop request can end, and that say
 * when they are about to wait (see input_wait.h). poll(2) says a regular
 * file is always readable, so files cost one or two extra system calls
 * per read (reads are large) and never wait.
 */
#include "input_wait.h"

#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <unistd.h>

static atomic_int stop_fd = -1;
static void (*_Atomic wait_hook)(void);

void sl_input_set_stop_fd(int fd)
{
    atomic_store(&stop_fd, fd);
}

void sl_input_set_wait_hook(void (*hook)(void))
{
    atomic_store(&wait_hook, hook);
}

ssize_t sl_input_read(int fd, void *buf, size_t cap)
{
    void (*hook)(void) = atomic_load(&wait_hook);
    if (hook) {
        struct pollfd now = {.fd = fd, .events = POLLIN};
        if (poll(&now, 1, 0) == 0)
            hook(); /* no input yet: the read would wait */
    }
    int stop = atomic_load(&stop_fd);
    if (stop >= 0) {
        struct pollfd wait[2] = {{.fd = stop, .events = POLLIN},
                                 {.fd = fd, .events = POLLIN}};
        while (poll(wait, 2, -1) < 0) {
            if (errno != EINTR && errno != EAGAIN)
                return -1;
        }
        if (wait[0].revents & POLLIN) {
            errno = ECANCELED;
            return -1;
        }
    }
    return read(fd, buf, cap);
}
