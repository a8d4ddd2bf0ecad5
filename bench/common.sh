# Shared by the bench scripts (sourced, not run): ROOT, the built JAR, and `median`.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scopeio" --version >/dev/null   # builds cli/target/scopeio.jar if needed
JAR="$ROOT/cli/target/scopeio.jar"

# median of the arguments (numbers)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# builds benchmarks/target/benchmarks.jar (JMH) when it is missing or older than the sources
benchmarks_jar() {
  local jar="$ROOT/benchmarks/target/benchmarks.jar"
  if [[ ! -f "$jar" || -n "$(find "$ROOT" -path '*/src/main/*' -name '*.java' -newer "$jar" | head -1)" ]]; then
    (cd "$ROOT" && mvn -B -q package -pl benchmarks -am -DskipTests -Dspotless.check.skip) >&2
  fi
  echo "$jar"
}
