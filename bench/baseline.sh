# Sourced by the benchmark scripts: builds another commit of trackflow in a worktree of its own.
#   baseline_build REF    sets BASE (the worktree, built once with mvn package) and SHA
#   baseline_classpath CP  prints CP with this checkout's modules (schemas, udfs, pipeline) swapped for BASE's
baseline_build() {
  SHA=$(git rev-parse --verify "$1^{commit}")
  BASE="$PWD/bench/work/baseline/$SHA"
  if [ ! -f "$BASE/.built" ]; then
    echo "Building $1 ($SHA) in $BASE ..."
    rm -rf "$BASE"
    git worktree prune
    git worktree add --detach "$BASE" "$SHA" > /dev/null
    (cd "$BASE" && mvn -B -DskipTests package -pl pipeline -am) > build-baseline.log 2>&1 || { tail -50 build-baseline.log; return 1; }
    touch "$BASE/.built"
  fi
}

baseline_classpath() {
  local cp="$1" m
  for m in schemas udfs pipeline; do
    cp="${cp//"$PWD/$m/target/"/"$BASE/$m/target/"}"
  done
  [ "$cp" != "$1" ] || { echo "could not point the classpath at $BASE" >&2; return 1; }
  printf '%s' "$cp"
}
