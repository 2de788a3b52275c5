/*
 * chunk_cover.c: the checksum a version 3 table slot's cover carries (image_format.h): CRC32C of
 * a chunk's data sectors [base, wp) followed by their OOB bytes, read back from the image file.
 * The syncer computes it for each record it writes (group_commit.c); opening an image checks the
 * newest record of each chunk against it (chunk_table.c), so a record that reached the disk
 * without its data does not count.
 */
#include "crc32c.h"
#include "file_io.h"
#include "model.h"

#define LNM_COVER_PIECE_NBYTES 65536

/* Extend *crc over nbytes of the file at off. */
static int lnm_cover_extend(int fd, uint64_t off, uint64_t nbytes, uint32_t *crc)
{
	char buf[LNM_COVER_PIECE_NBYTES];

	while (nbytes) {
		size_t n = nbytes < sizeof(buf) ? (size_t)nbytes : sizeof(buf);

		if (lnm_pread_all(fd, buf, n, off))
			return -1;
		*crc = lnm_crc32c(*crc, buf, n);
		off += n;
		nbytes -= n;
	}
	return 0;
}

int lnm_chunk_cover_crc(struct lnm_media *md, uint32_t chunk, uint32_t base, uint32_t wp,
			uint32_t *crc)
{
	const uint64_t nsectrs = wp > base ? wp - base : 0;

	*crc = 0;
	if (lnm_cover_extend(md->fd, lnm_addr_data_off(md, chunk, base), nsectrs * md->sb.nbytes,
			     crc))
		return -1;
	return lnm_cover_extend(md->fd, lnm_addr_oob_off(md, chunk, base),
				nsectrs * md->sb.nbytes_oob, crc);
}
