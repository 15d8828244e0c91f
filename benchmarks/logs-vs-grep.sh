#!/usr/bin/env bash
# Times `tunnel-doctor logs` end to end (JVM start included, -Xmx64m) side by side with
# `grep -c 'Unable to reach the origin service'` on the same cloudflared log, alternating the two.
#
#   benchmarks/logs-vs-grep.sh [FILE] [SIZE] [RUNS]     defaults: /tmp/cloudflared-1g.log 1g 5
#
# Builds the doctor and benchmark jars when missing, writes FILE with CloudflaredLogGenerator when it
# does not exist, reads it once so both commands start from a warm page cache, then prints each run and
# the best and median time of each command, their ratio, and the load average before and after. The
# machine's other work shows in the times: compare ratios measured side by side, not absolute times.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:-/tmp/cloudflared-1g.log}"
size="${2:-1g}"
runs="${3:-5}"
doctor="$root/samples/doctor/target/tunnel-doctor.jar"
benchmarks="$root/benchmarks/target/benchmarks.jar"

if [[ ! -f "$doctor" || ! -f "$benchmarks" ]]; then
  echo "building the doctor and benchmark jars ..." >&2
  (cd "$root" && mvn -q -B -DskipTests package -pl samples/doctor,benchmarks -am) >&2
fi
if [[ ! -f "$file" ]]; then
  java -cp "$benchmarks" io.github.tunneldiagnostics.benchmarks.CloudflaredLogGenerator "$file" "$size" >&2
fi
cat "$file" > /dev/null

# The launcher's flags (serial GC, C1 only, class-data sharing), plus the heap bound. The launcher records
# its class-data archive on the first run after a build; when there is none yet (or it is older than the
# jar), one `./tunnel-doctor logs` run on the first MB of FILE records it here, as a user's first run would.
jsa="$root/samples/doctor/target/tunnel-doctor.jsa"
if [[ ! -f "$jsa" || "$doctor" -nt "$jsa" ]]; then
  rm -f "$jsa"
  sample="$(mktemp "${TMPDIR:-/tmp}/logs-vs-grep.XXXXXX")"
  head -c 1000000 "$file" > "$sample"
  "$root/tunnel-doctor" logs "$sample" > /dev/null || [[ $? -le 1 ]]
  rm -f "$sample"
fi
flags=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:-UsePerfData -Xlog:disable -Xlog:all=error:stderr -XX:SharedArchiveFile="$jsa")

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
millis() { date +%s%3N; }
grep_times=()
doctor_times=()
for ((i = 1; i <= runs; i++)); do
  t0=$(millis); count=$(grep -c 'Unable to reach the origin service' "$file" || true); t1=$(millis)
  java "${flags[@]}" -jar "$doctor" logs "$file" > /dev/null || [[ $? -le 1 ]]
  t2=$(millis)
  grep_times+=($((t1 - t0))); doctor_times+=($((t2 - t1)))
  printf 'run %d: grep -c %d ms (%s lines), tunnel-doctor logs %d ms\n' "$i" $((t1 - t0)) "$count" $((t2 - t1))
done

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[1], a[int((NR+1)/2)]}'; }
read -r grep_best grep_median <<< "$(stats "${grep_times[@]}")"
read -r doctor_best doctor_median <<< "$(stats "${doctor_times[@]}")"
bytes=$(stat -c %s "$file")
awk -v gb="$grep_best" -v gm="$grep_median" -v db="$doctor_best" -v dm="$doctor_median" -v bytes="$bytes" -v cpus="$(nproc)" -v before="$load_before" -v after="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "file: %.2f GB; %d processors; load average (1, 5, 15 min) %s before, %s after\n", bytes / 1e9, cpus, before, after
  printf "grep -c:           best %5d ms, median %5d ms\n", gb, gm
  printf "tunnel-doctor logs: best %5d ms, median %5d ms (%.0f MB/s best, JVM start included)\n", db, dm, bytes / 1e6 / (db / 1000)
  printf "ratio doctor/grep: best %.2f, median %.2f\n", db / gb, dm / gm
}'
