#!/usr/bin/env bash
# Compiles every kernels/src/main/resources/org/gpu4j/kernels/*.cu, two files at a time, into
# target/classes/org/gpu4j/kernels/:
#   <name>.ptx     PTX for compute_75 declaring PTX ISA $GPU4J_PTX_ISA (default 8.0 = CUDA 12.0, so every driver
#                  from R525 on can JIT it). nvcc 13 writes ".version 9.0" (R580+ only) and has no option for an
#                  older ISA (cuda-floor.properties holds the floor), so the header line is lowered, then VERIFIED:
#                  ptxas assembles the lowered text for sm_75, and ptxas refuses any instruction, register or directive newer than the declared
#                  .version ("Feature '...' requires PTX ISA .version X or later"). A kernel that needs a newer
#                  feature fails the build here, it is never shipped mislabelled.
#   <name>.fatbin  SASS for sm_75, sm_80, sm_86, sm_89, sm_90 (no PTX inside): loaded without JIT by a driver that
#                  reads CUDA 13 cubins (R580+); the backend falls back to the PTX when the driver refuses it.
# nvcc is looked up at $CUDA_HOME/bin, /usr/local/cuda/bin, then on the PATH. Without nvcc it prints a note and
# succeeds: the jar then ships the .cu sources only, which the CUDA backend compiles at run time (NVRTC or nvcc).
# GPU4J_SASS_ARCHS="75 80" changes (or, empty, drops) the fatbins' architectures.
# Usage: compile-ptx.sh <source dir> <output dir>
set -euo pipefail
src=${1:?source dir}
out=${2:?output dir}
arch=${GPU4J_PTX_ARCH:-compute_75}
floor="$src/cuda-floor.properties"   # the documented driver floor: PTX ISA and SASS architectures
prop() { sed -n "s/^$1=//p" "$floor"; }
isa=${GPU4J_PTX_ISA:-$(prop ptx.isa)}
sass=${GPU4J_SASS_ARCHS-$(prop sass.archs)}

nvcc=""
for c in "${CUDA_HOME:+$CUDA_HOME/bin/nvcc}" /usr/local/cuda/bin/nvcc "$(command -v nvcc 2>/dev/null || true)"; do
  if [ -n "$c" ] && [ -x "$c" ]; then nvcc=$c; break; fi
done
shopt -s nullglob
files=("$src"/*.cu)
if [ -z "$nvcc" ]; then
  echo "[gpu4j-kernels] NOTE: nvcc not found (\$CUDA_HOME/bin, /usr/local/cuda/bin, PATH): shipping ${#files[@]} .cu file(s) without PTX"
  exit 0
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "[gpu4j-kernels] no .cu files in $src"
  exit 0
fi
ptxas=$(dirname "$nvcc")/ptxas
[ -x "$ptxas" ] || ptxas=$(command -v ptxas || true)
[ -n "$ptxas" ] || { echo "[gpu4j-kernels] ERROR: no ptxas beside $nvcc to verify the PTX" >&2; exit 1; }
mkdir -p "$out"
gencode=""
for a in $sass; do gencode="$gencode -gencode arch=compute_$a,code=sm_$a"; done
script=$(readlink -f "$0")
export nvcc ptxas out arch isa gencode floor script
# the JVM's signal-chaining library (LD_PRELOAD, for PoCL) makes nvcc print a warning per signal()
unset LD_PRELOAD
printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P 2 bash -c '
  f=$1; name=$(basename "$f" .cu); ptx="$out/$name.ptx"
  fresh() { [ "$1" -nt "$f" ] && [ "$1" -nt "$floor" ] && [ "$1" -nt "$script" ]; }   # up to date
  if ! fresh "$ptx"; then
    "$nvcc" -ptx -arch="$arch" -o "$ptx.tmp" "$f" || { echo "[gpu4j-kernels] ERROR: nvcc failed on $f" >&2; exit 255; }
    sed -i -E "0,/^\.version [0-9]+\.[0-9]+\$/s//.version $isa/" "$ptx.tmp"
    if ! "$ptxas" -arch="sm_${arch#compute_}" -o /dev/null "$ptx.tmp"; then
      echo "[gpu4j-kernels] ERROR: $name.ptx uses a feature newer than PTX ISA $isa (see ptxas above)" >&2; exit 255
    fi
    mv "$ptx.tmp" "$ptx"
  fi
  if [ -n "$gencode" ] && ! fresh "$out/$name.fatbin"; then
    "$nvcc" -fatbin $gencode -o "$out/$name.fatbin" "$f" || { echo "[gpu4j-kernels] ERROR: nvcc -fatbin failed on $f" >&2; exit 255; }
  fi' _
echo "[gpu4j-kernels] compiled ${#files[@]} .cu file(s) to PTX ($arch, ISA $isa, verified by ptxas) and SASS (sm_${sass// /, sm_}) with $nvcc"
