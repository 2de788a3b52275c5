/*
 * clock.h: the model's one clock, CLOCK_MONOTONIC in nanoseconds (worker polling, group commit
 * timing, the CLI timer).
 */
#ifndef LNM_CLOCK_H
#define LNM_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t lnm_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

#endif /* LNM_CLOCK_H */
