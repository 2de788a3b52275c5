/*
 * crc32c.c: CRC32C (see crc32c.h): the SSE4.2 crc32 instruction, 8 bytes at a time, or a table
 * a byte at a time on processors without it. Both compute the same reflected CRC with the
 * polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF.
 */
#include <pthread.h>
#include <string.h>

#include "crc32c.h"

#define LNM_CRC32C_POLY 0x82F63B78u

static uint32_t lnm_crc32c_table[256];
static pthread_once_t lnm_crc32c_once = PTHREAD_ONCE_INIT;
static int lnm_crc32c_hw;

static void lnm_crc32c_init(void)
{
	for (uint32_t i = 0; i < 256; ++i) {
		uint32_t c = i;

		for (int k = 0; k < 8; ++k)
			c = (c & 1) ? LNM_CRC32C_POLY ^ (c >> 1) : c >> 1;
		lnm_crc32c_table[i] = c;
	}
	__builtin_cpu_init();
	lnm_crc32c_hw = __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2"))) static uint32_t lnm_crc32c_sse42(uint32_t c, const uint8_t *p,
								   size_t n)
{
	uint64_t c64 = c;

	for (; n >= 8; p += 8, n -= 8) {
		uint64_t word;

		memcpy(&word, p, sizeof(word));
		c64 = __builtin_ia32_crc32di(c64, word);
	}
	c = (uint32_t)c64;
	for (; n; ++p, --n)
		c = __builtin_ia32_crc32qi(c, *p);
	return c;
}

static uint32_t lnm_crc32c_bytes(uint32_t c, const uint8_t *p, size_t n)
{
	for (; n; ++p, --n)
		c = lnm_crc32c_table[(c ^ *p) & 0xFF] ^ (c >> 8);
	return c;
}

uint32_t lnm_crc32c(uint32_t crc, const void *buf, size_t nbytes)
{
	uint32_t c = ~crc;

	pthread_once(&lnm_crc32c_once, lnm_crc32c_init);
	c = lnm_crc32c_hw ? lnm_crc32c_sse42(c, buf, nbytes) : lnm_crc32c_bytes(c, buf, nbytes);
	return ~c;
}
