/* Counts calls to malloc/calloc/realloc/posix_memalign in a process it is preloaded into,
 * so that netwarden-bench can report allocations per varbind. Build:
 *   cc -O2 -shared -fPIC -o malloc-count.so malloc-count.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

static uint64_t count;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);

uint64_t netwarden_malloc_count(void) { return __atomic_load_n(&count, __ATOMIC_RELAXED); }

/* dlsym may itself call calloc before real_calloc is known: serve it from a static arena. */
static char bootstrap[4096];
static size_t bootstrap_used;

void *malloc(size_t n) {
    if (!real_malloc) real_malloc = dlsym(RTLD_NEXT, "malloc");
    __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
    return real_malloc(n);
}

void *calloc(size_t a, size_t b) {
    if (!real_calloc) {
        static int resolving;
        if (resolving) {
            void *p = bootstrap + bootstrap_used;
            bootstrap_used += (a * b + 15) & ~(size_t)15;
            return p;
        }
        resolving = 1;
        real_calloc = dlsym(RTLD_NEXT, "calloc");
        resolving = 0;
    }
    __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
    return real_calloc(a, b);
}

void *realloc(void *p, size_t n) {
    if (!real_realloc) real_realloc = dlsym(RTLD_NEXT, "realloc");
    __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
    return real_realloc(p, n);
}

int posix_memalign(void **p, size_t alignment, size_t n) {
    if (!real_posix_memalign) real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
    return real_posix_memalign(p, alignment, n);
}
