#!/usr/bin/env bash
# Compiles every kernels/src/main/resources/org/gpu4j/kernels/*.cu to PTX (compute_75, which every GPU gpu4j
# supports can JIT) into target/classes/org/gpu4j/kernels/<name>.ptx, two files at a time.
# nvcc is looked up at $CUDA_HOME/bin, /usr/local/cuda/bin, then on the PATH. Without nvcc it prints a note and
# succeeds: the jar then ships the .cu sources only, which the CUDA backend compiles at run time (NVRTC or nvcc).
# Usage: compile-ptx.sh <source dir> <output dir>
set -euo pipefail
src=${1:?source dir}
out=${2:?output dir}
arch=${GPU4J_PTX_ARCH:-compute_75}

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
mkdir -p "$out"
export nvcc out arch
printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P 2 bash -c '
  f=$1; name=$(basename "$f" .cu)
  [ "$out/$name.ptx" -nt "$f" ] && exit 0   # up to date
  if ! "$nvcc" -ptx -arch="$arch" -o "$out/$name.ptx" "$f"; then
    echo "[gpu4j-kernels] ERROR: nvcc failed on $f" >&2; exit 255
  fi' _
echo "[gpu4j-kernels] compiled ${#files[@]} .cu file(s) to PTX ($arch) with $nvcc"
