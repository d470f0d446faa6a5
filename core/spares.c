/* core/spares.c - the spare blocks a thread keeps from freed documents
 * (see spares.h): a few places per pool in thread-local storage, given
 * out smallest fitting first, freed by a thread-specific key's
 * destructor when the thread ends.
 */
#include "spares.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct spare {
    void *at; /* NULL: an empty place */
    size_t bytes;
} spare;

static _Thread_local spare pools[SL_SPARE_POOLS][SL_SPARE_PLACES];
static _Thread_local bool registered;
static pthread_key_t spares_key;
static pthread_once_t spares_once = PTHREAD_ONCE_INIT;
static bool spares_key_made;

void sl_spares_drop(void)
{
    for (size_t p = 0; p < SL_SPARE_POOLS; p++)
        for (size_t i = 0; i < SL_SPARE_PLACES; i++) {
            free(pools[p][i].at);
            pools[p][i] = (spare){NULL, 0};
        }
}

/* The key's destructor: runs in the ending thread, on its own spares. */
static void drop_at_thread_end(void *unused)
{
    (void)unused;
    sl_spares_drop();
}

static void make_key(void)
{
    spares_key_made = pthread_key_create(&spares_key, drop_at_thread_end) == 0;
}

/* Whether the thread's spares will be freed when it ends: the key's
 * destructor runs only for a thread that gave the key a value. */
static bool freed_at_thread_end(void)
{
    if (registered)
        return true;
    pthread_once(&spares_once, make_key);
    if (!spares_key_made || pthread_setspecific(spares_key, &spares_key) != 0)
        return false;
    registered = true;
    return true;
}

void *sl_spare_take(sl_spare_pool pool, size_t need, size_t *bytes)
{
    spare *places = pools[pool];
    size_t best = SL_SPARE_PLACES;
    for (size_t i = 0; i < SL_SPARE_PLACES; i++)
        if (places[i].at && places[i].bytes >= need &&
            (best == SL_SPARE_PLACES || places[i].bytes < places[best].bytes))
            best = i;
    if (best == SL_SPARE_PLACES)
        return NULL;
    void *p = places[best].at;
    *bytes = places[best].bytes;
    places[best] = (spare){NULL, 0};
    return p;
}

void sl_spare_give(sl_spare_pool pool, void *p, size_t bytes)
{
    if (!p)
        return;
    if (bytes > SL_SPARE_MAX_BYTES || !freed_at_thread_end()) {
        free(p);
        return;
    }
    spare *places = pools[pool];
    size_t place = 0; /* an empty place, else the smallest spare */
    for (size_t i = 0; i < SL_SPARE_PLACES; i++) {
        if (!places[i].at) {
            place = i;
            break;
        }
        if (places[i].bytes < places[place].bytes)
            place = i;
    }
    if (places[place].at && places[place].bytes >= bytes) {
        free(p); /* every place holds one at least as large */
        return;
    }
    free(places[place].at);
    places[place] = (spare){p, bytes};
}
