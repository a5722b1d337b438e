#!/usr/bin/env bash
# Runs the jcstress races of stress/ against the engine and exits with jcstress's exit code
# (0 all outcomes acceptable; 1 a FORBIDDEN outcome or a test error: this gates CI).
#
# usage: stress/run-stress.sh [--long] [--bug NAME] [-t REGEXP] [-- MORE_JCSTRESS_ARGS...]
#   (default)  bounded CI mode: -m quick -c 2 -f 1 -iters 1 -time 100 -sc false, 256 MiB forks;
#              about 20-30 s per test class, under 5 minutes for the whole suite.
#   --long     nightly mode: -m tough (many forks and iterations, all JVM modes); tens of minutes.
#   --bug NAME hands -Dsnapref.bug=NAME to every forked test VM (engine bug switch); such a run
#              is expected to report FORBIDDEN outcomes and exit 1.
#   -t REGEXP  only the test classes whose name matches.
# Builds stress/target/jcstress.jar when it is missing or older than the engine or stress
# sources. The HTML report lands in stress/target/jcstress-results/index.html (the raw result
# blob beside it in stress/target/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/jcstress.jar"

long=0
bug=""
filter=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --long) long=1 ;;
    --bug) bug="${2:?--bug needs a name}"; shift ;;
    --bug=*) bug="${1#--bug=}" ;;
    -t) filter="${2:?-t needs a regexp}"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-stress.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

stale=0
if [ ! -f "$jar" ]; then
  stale=1
elif [ -n "$(find "$here/src/main" "$here/pom.xml" "$root/engine/src/main" "$root/engine/pom.xml" "$root/pom.xml" \
        -newer "$jar" -print -quit 2>/dev/null)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  echo "run-stress.sh: building stress/target/jcstress.jar (mvn package)..." >&2
  (cd "$root" && mvn -B -q -DskipTests -pl stress -am package >&2) || {
    echo "run-stress.sh: build failed; run 'mvn -B -DskipTests -pl stress -am package' to see why" >&2
    exit 2
  }
fi

jvm="-Xmx256m"
[ -n "$bug" ] && jvm="$jvm -Dsnapref.bug=$bug"
if [ "$long" = 1 ]; then
  args=(-m tough -jvmArgsPrepend "$jvm")
  limit=$((6 * 3600))
else
  args=(-m quick -c 2 -f 1 -iters 1 -time 100 -sc false -jvmArgs "$jvm")
  limit=$((15 * 60))
fi
[ -n "$filter" ] && args+=(-t "$filter")

mkdir -p "$here/target"
cd "$here/target"   # jcstress writes its result blob into the working directory
echo "run-stress.sh: java -jar jcstress.jar ${args[*]} ${extra[*]:-} -r jcstress-results" >&2
set +e
# a deadlocked engine would hang an actor (and so the run) forever: bound the whole run
timeout --signal=TERM --kill-after=30 "$limit" \
  java -jar "$jar" "${args[@]}" "${extra[@]}" -r jcstress-results
rc=$?
set -e
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
  echo "run-stress.sh: jcstress did not finish within ${limit}s (a hung actor: deadlock or lost wake-up?)" >&2
  exit 1
fi
echo "run-stress.sh: jcstress exit code $rc; report: stress/target/jcstress-results/index.html" >&2
exit "$rc"
