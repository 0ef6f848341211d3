#!/usr/bin/env bash
# The prepared device check: run it once on a GPU host, from the self-contained image (no Java or Maven needed),
# and paste report.txt into the issue. Within a 10-minute budget it runs, in order:
#   1. gpu4j devices                        every backend and device; CUDA's driver version and how gpu4j's kernels load
#   2. gpu4j selftest                       every op on every available device against the Java CPU backend
#   3. stress scenarios (core's StressMain) churn, races, gc, sizes, twins, each in its own JVM, on cuda:0 when CUDA
#                                           is available, else on the best other backend (so the script runs anywhere)
#   4. gpu4j bench --quick                  on the available backends, with the device's own limits
# and writes one report, text and JSON: $OUT/report.txt and $OUT/report.json (each step: command, exit status,
# seconds, last lines of output; plus whether CUDA was available and, if not, why).
# The JUnit contract suites cannot run from the image (it ships no JUnit); the selftest and the stress scenarios
# are the image's equivalents. On a host where CUDA is missing the report says so and the check still runs the rest.
#
#   gpu4j/bin/gpu-check                # on the GPU host: the copy tools/build-image.sh puts in the image
#   tools/gpu-check.sh [IMAGE_DIR]     # default dist/gpu4j (tools/build-image.sh builds it); or an unpacked gpu4j/
#   GPU4J_CHECK_OUT=DIR                # where the report goes (default ./gpu-check-report)
#   GPU4J_CHECK_BUDGET=600             # seconds for the whole check
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
default=$here/../dist/gpu4j
[ -x "$here/gpu4j" ] && default=$here/..   # the copy inside an image: gpu4j/bin/gpu-check
image=${1:-$default}
[ -x "$image/bin/gpu4j" ] || { echo "gpu-check: no image at $image (build it with tools/build-image.sh)" >&2; exit 2; }
image=$(cd "$image" && pwd)
out=${GPU4J_CHECK_OUT:-$PWD/gpu-check-report}
budget=${GPU4J_CHECK_BUDGET:-600}
mkdir -p "$out"
gpu4j=$image/bin/gpu4j
start=$(date +%s)
steps_json=()
text=$out/report.txt
: > "$text"

left() { echo $(( budget - ($(date +%s) - start) )); }
json_str() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))' 2>/dev/null || sed 's/\\/\\\\/g; s/"/\\"/g; s/\t/\\t/g' | awk 'BEGIN{printf "\""} {printf "%s\\n", $0} END{printf "\""}'; }

# run NAME LIMIT_SECONDS COMMAND...: runs one step with a time limit, logs it, records it
run() {
  local name=$1 limit=$2; shift 2
  local remaining; remaining=$(left)
  (( limit > remaining - 5 )) && limit=$(( remaining - 5 ))
  local log=$out/$name.log t0 rc
  t0=$(date +%s.%N)
  if (( limit <= 0 )); then
    echo "(skipped: the ${budget}s budget is spent)" > "$log"; rc=124
  else
    timeout --kill-after=10 "$limit" "$@" > "$log" 2>&1 < /dev/null; rc=$?
  fi
  local secs; secs=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')
  local verdict=ok; (( rc != 0 )) && verdict="FAILED (exit $rc$( (( rc == 124 )) && echo ', time limit'))"
  printf '== %s: %s in %.1f s\n$ %s\n' "$name" "$verdict" "$secs" "$*" >> "$text"
  tail -n 40 "$log" >> "$text"
  echo >> "$text"
  steps_json+=("{\"name\": \"$name\", \"command\": $(printf '%s' "$*" | json_str), \"exit\": $rc, \"seconds\": $secs, \"tail\": $(tail -n 40 "$log" | json_str)}")
  printf 'gpu-check: %-28s %s (%.1f s)\n' "$name" "$verdict" "$secs"
  return $rc
}

echo "gpu4j device check, $(date -u +%Y-%m-%dT%H:%M:%SZ), host $(hostname), image $image" >> "$text"
{ command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader; } >> "$text" 2>&1 \
  || echo "nvidia-smi: not found" >> "$text"
echo >> "$text"

run devices 60 "$gpu4j" devices
# devices prints "CUDA: unavailable — <reason>" or "CUDA: N device(s)" and then "[cuda:0] <name>" per device
if grep -q '\[cuda:[0-9]' "$out/devices.log"; then
  cuda=available; target=cuda:0; backends=cpu,opencl,cuda
else
  cuda="unavailable: $(sed -n 's/^CUDA: *unavailable *[—-]* *//p' "$out/devices.log" | head -1)"
  [ "$cuda" = "unavailable: " ] && cuda="unavailable: $(grep -m1 '^CUDA' "$out/devices.log" || echo 'not listed by gpu4j devices')"
  if grep -q '\[opencl:[0-9]' "$out/devices.log"; then target=opencl:0; backends=cpu,opencl; else target=cpu; backends=cpu; fi
fi
echo "CUDA: $cuda" >> "$text"; echo "stress target: $target" >> "$text"; echo >> "$text"
echo "gpu-check: CUDA $cuda; stress on $target"

run selftest 180 "$gpu4j" selftest
if ls "$image"/lib/gpu4j-core-*-tests.jar >/dev/null 2>&1; then
  for scenario in churn races gc sizes twins; do
    GPU4J_MAIN=org.gpu4j.reliability.StressMain run "stress-$scenario" 60 "$gpu4j" "$target" "$scenario" 10
  done
else
  echo "== stress: skipped: the image has no gpu4j-core tests jar (build it with tools/build-image.sh)" >> "$text"
fi
run bench-quick 240 "$gpu4j" bench --quick --backends "$backends" --out "$out/bench"

total=$(( $(date +%s) - start ))
failed=$(grep -c '^== .*: FAILED' "$text" || true)
echo "== total: $total s, $failed step(s) failed; CUDA $cuda" >> "$text"
{
  echo "{"
  echo "  \"tool\": \"gpu4j tools/gpu-check.sh\","
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"host\": \"$(hostname)\","
  echo "  \"cuda\": $(printf '%s' "$cuda" | json_str),"
  echo "  \"stress_target\": \"$target\","
  echo "  \"seconds\": $total,"
  echo "  \"failed_steps\": $failed,"
  echo "  \"steps\": ["
  for i in "${!steps_json[@]}"; do
    sep=,; (( i == ${#steps_json[@]} - 1 )) && sep=
    echo "    ${steps_json[$i]}$sep"
  done
  echo "  ]"
  echo "}"
} > "$out/report.json"
echo "gpu-check: $total s, $failed failed step(s); report: $text and $out/report.json"
(( failed == 0 ))
