#!/usr/bin/env bash
# Runs the jcstress races of stress/ against the engine and exits with jcstress's exit code
# (0 all outcomes acceptable; 1 a FORBIDDEN outcome or a test error: this gates CI).
#
# usage: stress/run-stress.sh [--long] [--bug NAME] [-t REGEXP]
#   (default)  bounded CI mode: -m quick -c 2 -f 1 -iters 1 -time 100 -sc false, 256 MiB forks;
#              about 20-30 s per test class, under 5 minutes for the whole suite.
#   --long     nightly mode: -m tough (many forks and iterations, all JVM modes); tens of minutes.
#   --bug NAME hands -Dsnapref.bug=NAME to every forked test VM (engine bug switch); such a run
#              is expected to report FORBIDDEN outcomes and exit 1.
#   -t REGEXP  only the test classes whose name matches.
# The same as `./snapref stress` (which it runs): the launcher builds stress/target/jcstress.jar
# when it is missing or older than the engine or stress sources. The HTML report lands in
# stress/target/jcstress-results/index.html (the raw result blob beside it in stress/target/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --long) args+=(--long) ;;
    --bug) args+=(--bug "${2:?--bug needs a name}"); shift ;;
    --bug=*) args+=(--bug "${1#--bug=}") ;;
    -t) args+=(--tests "${2:?-t needs a regexp}"); shift ;;
    *) echo "run-stress.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
exec "$root/snapref" stress "${args[@]}"
