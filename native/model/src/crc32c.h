/*
 * crc32c.h: CRC32C (Castagnoli, the polynomial of iSCSI and ext4 metadata), the checksum of the
 * data a durable chunk record vouches for (chunk_cover.c). Hardware-accelerated with SSE4.2 when
 * the processor has it.
 */
#ifndef LNM_CRC32C_H
#define LNM_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* crc extended over nbytes at buf: lnm_crc32c(lnm_crc32c(0, a, na), b, nb) is the CRC32C of a
 * followed by b, and lnm_crc32c(0, buf, 0) is 0. */
uint32_t lnm_crc32c(uint32_t crc, const void *buf, size_t nbytes);

#endif /* LNM_CRC32C_H */
