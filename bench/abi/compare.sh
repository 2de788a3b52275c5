#!/bin/sh
# compare.sh: fio (io_uring, page-cached file) vs the device model through the C ABI (abi-bench),
# interleaved ROUNDS times; prints every JSON line, then the best of each workload side by side.
#
#   bench/abi/compare.sh [ROUNDS] [SECONDS]
#
# Needs fio. Uses a temp dir under ${TMPDIR:-/tmp}; removes it at exit.
set -eu
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODEL="$ROOT/native/model"
make -s -C "$MODEL" all bench >/dev/null
DIR=$(mktemp -d "${TMPDIR:-/tmp}/lnvm-compare-XXXXXX")
trap 'rm -rf "$DIR"' EXIT
OUT="$DIR/results.jsonl"

fio_json() { # label rw bs qd size [fio args...]
	label=$1 rw=$2 bs=$3 qd=$4 size=$5
	shift 5
	fio --name=j --filename="$DIR/fio.dat" --size="$size" --rw="$rw" --bs="$bs" --iodepth="$qd" \
		--ioengine=io_uring --runtime="$SECONDS_PER_RUN" --time_based --invalidate=0 \
		--output-format=json "$@" 2>/dev/null | python3 -c "
import json, sys
j = json.load(sys.stdin)['jobs'][0]
r = j['read'] if j['read']['iops'] > 0 else j['write']
p = r['clat_ns'].get('percentile', {})
print(json.dumps({'tool': 'fio', 'workload': '$label', 'qd': $qd,
                  'iops': round(r['iops']), 'mbps': round(r['bw_bytes'] / 1e6, 1),
                  'p50_us': p.get('50.000000', 0) / 1e3, 'p99_us': p.get('99.000000', 0) / 1e3}))"
}

for round in $(seq "$ROUNDS"); do
	# randread: a 1 GiB file written, flushed and read once, so it is clean and cached
	dd if=/dev/urandom of="$DIR/fio.dat" bs=1M count=1024 status=none
	sync
	cat "$DIR/fio.dat" >/dev/null
	fio_json randread randread 4k 1 1G >>"$OUT"
	fio_json randread randread 4k 32 1G >>"$OUT"
	rm -f "$DIR/fio.dat"
	sync
	# seqwrite like the model: fresh blocks (new file, no preallocation, never wraps)
	fio_json seqwrite write 256k 32 16G --fallocate=none >>"$OUT"
	rm -f "$DIR/fio.dat"
	sync
	# seqwrite overwriting a cached 1 GiB file (wraps): an OCSSD cannot overwrite
	fio_json seqwrite-overwrite write 256k 32 1G >>"$OUT"
	rm -f "$DIR/fio.dat"
	sync
	"$MODEL/build/lnvm-mkimage" "$DIR/dev.img" --ws-min 1 --force
	"$MODEL/build/abi-bench" "$DIR/dev.img" --seconds "$SECONDS_PER_RUN" |
		sed 's/^{/{"tool":"model",/' >>"$OUT"
	rm -f "$DIR/dev.img"
	sync
done
cat "$OUT"
python3 - "$OUT" <<'PY'
import json, sys
best = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    key = (r['workload'], r['qd'], r['tool'])
    metric = r['mbps'] if r['workload'].startswith('seqwrite') else r['iops']
    best[key] = max(best.get(key, 0), metric)
for wl, fwl, qd, unit in (('randread', 'randread', 1, 'iops'), ('randread', 'randread', 32, 'iops'),
                          ('seqwrite', 'seqwrite', 32, 'MB/s'),
                          ('seqwrite', 'seqwrite-overwrite', 32, 'MB/s')):
    f, m = best.get((fwl, qd, 'fio'), 0), best.get((wl, qd, 'model'), 0)
    print(f"{wl} qd{qd} vs fio {fwl}: fio {f:.0f} {unit}, model {m:.0f} {unit}, "
          f"ratio {m / f if f else 0:.2f}")
PY
