#!/usr/bin/env bash
# Standalone-cluster integration test: runs the cluster jar under spark-submit on a real Spark standalone
# cluster (one Master, two Workers, loopback only) — the whole pipeline, topic model fitting and saving
# included — and checks it against the local launcher:
#   * the local launcher's own fit of the same input has the same invariants (k, vocabulary, units, every
#     unit's weights summing to 1), since EM's sums may run in another order on two executors;
#   * the model saved by the cluster run, applied by the local launcher (--full with topics.model-dir on the
#     cluster's models), gives a warehouse equal to the cluster's in every table (govlens compare, the columns
#     naming the run ignored).
#
#   tools/cluster-test/run.sh                          # builds jobs/target if needed; a few minutes
#   GOVLENS_TARGET=target-x tools/cluster-test/run.sh  # use another build folder (-Dgovlens.target=target-x)
#   CLUSTER_TEST_KEEP=1 tools/cluster-test/run.sh      # keep the temp folder (logs, warehouses) after a pass
#
# The Spark "distribution" is a throwaway SPARK_HOME whose jars/ links Spark's own dependency tree
# (spark-dist-pom.xml, resolved offline from ~/.m2) and nothing of GovLens: like a stock Spark install, so the
# cluster jar has to bring every other dependency itself. Needs java 17 and mvn; no network beyond 127.0.0.1.
# Exit 0 on PASS, 1 on any failure (the log tails of the failing part are printed, the temp folder is kept).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tools/cluster-test"
GOVLENS_TARGET="${GOVLENS_TARGET:-target}"
TARGET="$ROOT/jobs/$GOVLENS_TARGET"
THIN_JAR="$TARGET/govlens-jobs-0.1.0.jar"
CLUSTER_JAR="$TARGET/govlens-jobs-0.1.0-cluster.jar"
CLASSPATH_FILE="$TARGET/local-classpath.txt"
JVM_OPTIONS_FILE="$TARGET/launcher/jvm-options"
INPUT="$ROOT/data/sample"
WAIT_SECONDS="${CLUSTER_TEST_WAIT:-120}"   # bound on every wait for a daemon
RUN_SECONDS="${CLUSTER_TEST_RUN:-300}"     # bound on each pipeline run
START=$SECONDS

say() { echo "cluster-test: $*" >&2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/govlens-cluster-test.XXXXXX")"
PIDS=()
PASSED=0

cleanup() {
  local pid
  # Workers kill their executors in their shutdown hook, so TERM the workers before the master.
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  if ((PASSED)) && [[ "${CLUSTER_TEST_KEEP:-0}" != 1 ]]; then
    rm -rf "$WORK"
  else
    say "logs and warehouses kept in $WORK"
  fi
}
trap cleanup EXIT

fail() {
  say "FAIL: $1"
  shift
  local f
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    echo "----- last lines of $f -----" >&2
    tail -n 40 "$f" >&2
  done
  exit 1
}

# Polls until the command succeeds, or fails the test with the message after WAIT_SECONDS.
wait_for() {
  local what="$1" log="$2"
  shift 2
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do
    ((SECONDS < deadline)) || fail "timed out after ${WAIT_SECONDS}s waiting for $what" "$log"
    sleep 0.5
  done
}

# 1. The build: the thin jar, the cluster jar and the launcher files, built when missing or stale.
needs_build() {
  [[ -f "$THIN_JAR" && -f "$CLUSTER_JAR" && -f "$CLASSPATH_FILE" && -f "$JVM_OPTIONS_FILE" ]] || return 0
  [[ -n "$(find "$ROOT/lib/src/main" "$ROOT/jobs/src/main" "$ROOT/conf" "$ROOT/pom.xml" \
      "$ROOT/lib/pom.xml" "$ROOT/jobs/pom.xml" -newer "$CLUSTER_JAR" -print -quit 2>/dev/null)" ]]
}
if needs_build; then
  say "building into jobs/$GOVLENS_TARGET …"
  (cd "$ROOT" && mvn -q -B -Dgovlens.target="$GOVLENS_TARGET" install -DskipTests) >"$WORK/build.log" 2>&1 \
    || fail "build failed" "$WORK/build.log"
fi
OPENS="$(tr '\n' ' ' <"$JVM_OPTIONS_FILE")"

# 2. A throwaway SPARK_HOME: jars/ is what Worker's command builder puts on every executor's classpath
#    (AbstractCommandBuilder.buildClassPath: $SPARK_HOME/jars/*); it asks SPARK_SCALA_VERSION which Scala
#    build to expect because there is no launcher/target here.
export SPARK_HOME="$WORK/spark"
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"
(cd "$ROOT" && mvn -q -o -B -f "$HERE/spark-dist-pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$WORK/spark-dist-classpath.txt") >"$WORK/spark-dist.log" 2>&1 \
  || (cd "$ROOT" && mvn -q -B -f "$HERE/spark-dist-pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$WORK/spark-dist-classpath.txt") >>"$WORK/spark-dist.log" 2>&1 \
  || fail "could not resolve Spark's own jars" "$WORK/spark-dist.log"
tr ':' '\n' <"$WORK/spark-dist-classpath.txt" | while read -r jar; do
  [[ -n "$jar" ]] && ln -s "$jar" "$SPARK_HOME/jars/"
done
echo "Spark 3.5.7 (GovLens cluster test: Spark's own jars only)" >"$SPARK_HOME/RELEASE"
export SPARK_SCALA_VERSION=2.12
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_HOSTNAME=127.0.0.1
export SPARK_NO_DAEMONIZE=1
SPARK_CP="$SPARK_HOME/jars/*"
say "SPARK_HOME with $(ls "$SPARK_HOME/jars" | wc -l) Spark jars"

# 3. Master and two workers on loopback. Ports 0 = any free port; the real ones are read back from the logs.
# shellcheck disable=SC2086
java $OPENS -Xmx256m -cp "$SPARK_CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 0 --webui-port 0 >"$WORK/master.log" 2>&1 &
PIDS=("$!" "${PIDS[@]}")
master_up() { grep -qs 'Starting Spark master at spark://' "$WORK/master.log"; }
wait_for "the master to start" "$WORK/master.log" master_up
MASTER_URL="$(grep -o 'spark://127\.0\.0\.1:[0-9]*' "$WORK/master.log" | head -n1)"
say "master at $MASTER_URL"

for i in 1 2; do
  mkdir -p "$WORK/worker$i"
  # shellcheck disable=SC2086
  java $OPENS -Xmx256m -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker "$MASTER_URL" \
    --host 127.0.0.1 --port 0 --webui-port 0 --cores 1 --memory 1g --work-dir "$WORK/worker$i" \
    >"$WORK/worker$i.log" 2>&1 &
  PIDS=("$!" "${PIDS[@]}")
done
two_workers() { (($(grep -cs 'Registering worker' "$WORK/master.log") >= 2)); }
wait_for "both workers to register" "$WORK/master.log" two_workers
say "2 workers registered"

# 4. The pipeline on the cluster: spark-submit in client mode, the driver in this JVM (so the driver needs the
#    --add-opens flags on its own command line), executors on the workers with them in extraJavaOptions.
CLUSTER_WH="$WORK/cluster-wh"
LOCAL_WH="$WORK/local-wh"
t0=$SECONDS
# shellcheck disable=SC2086
timeout "$RUN_SECONDS" java $OPENS -Xmx1g -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit \
  --master "$MASTER_URL" --deploy-mode client --class govlens.jobs.GovLensCli \
  --conf spark.executor.memory=512m --conf spark.executor.cores=1 --conf spark.cores.max=2 \
  --conf "spark.executor.extraJavaOptions=$OPENS" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.enabled=false \
  "$CLUSTER_JAR" run --input "$INPUT" --warehouse "$CLUSTER_WH" \
  >"$WORK/submit.log" 2>&1 || fail "the cluster run exited $?" "$WORK/submit.log" "$WORK"/worker*/app-*/*/stderr
say "cluster run done in $((SECONDS - t0))s"

# Executors really ran tasks on both workers: each work dir holds an executor of the app with finished tasks.
APP_ID="$(grep -o 'app-[0-9]*-[0-9]*' "$WORK/submit.log" | head -n1)"
[[ -n "$APP_ID" ]] || fail "no application id in the spark-submit log" "$WORK/submit.log"
EXECUTORS=0
for i in 1 2; do
  n=0
  for err in "$WORK/worker$i/$APP_ID"/*/stderr; do
    [[ -f "$err" ]] || continue
    EXECUTORS=$((EXECUTORS + 1))
    tasks=$(grep -c 'Executor: Finished task' "$err" || true)
    n=$((n + tasks))
  done
  ((n > 0)) || fail "worker $i ran no task of $APP_ID" "$WORK/worker$i.log" "$WORK/submit.log"
done
grep -q "Removing app $APP_ID" "$WORK/master.log" || fail "the master did not see $APP_ID finish" "$WORK/master.log"

# 5. The same input on the local launcher (embedded local[*]): once fitting its own model, once applying the
#    cluster's saved model to every document.
REAPPLIED_WH="$WORK/reapplied-wh"
local_run() {
  local log="$1"
  shift
  if [[ "$GOVLENS_TARGET" == target ]]; then
    timeout "$RUN_SECONDS" "$ROOT/bin/govlens" run --input "$INPUT" "$@" >"$log" 2>&1
  else
    # bin/govlens only knows jobs/target; run what it runs, from the other build folder.
    # shellcheck disable=SC2046,SC2086
    timeout "$RUN_SECONDS" java -Xmx2g $OPENS -Dlog4j.configurationFile=govlens-log4j2.properties \
      -cp "$THIN_JAR:$(cat "$CLASSPATH_FILE")" govlens.jobs.GovLensCli run --input "$INPUT" "$@" >"$log" 2>&1
  fi
}
t0=$SECONDS
local_run "$WORK/local.log" --warehouse "$LOCAL_WH" || fail "the local run exited $?" "$WORK/local.log"
say "local run done in $((SECONDS - t0))s"
t0=$SECONDS
local_run "$WORK/reapplied.log" --warehouse "$REAPPLIED_WH" --full --set "topics.model-dir=$CLUSTER_WH/_models" \
  || fail "the local run with the cluster's model exited $?" "$WORK/reapplied.log"
say "local run with the cluster's model done in $((SECONDS - t0))s"

# 6. The two fits agree on what does not depend on partitioning.
# shellcheck disable=SC2086
if ! timeout "$RUN_SECONDS" java -Xmx1g $OPENS -Dlog4j.configurationFile=govlens-log4j2.properties \
    -cp "$THIN_JAR:$(cat "$CLASSPATH_FILE")" govlens.jobs.tools.TopicInvariants "$CLUSTER_WH" "$LOCAL_WH" \
    >"$WORK/invariants.out" 2>"$WORK/invariants.log"; then
  cat "$WORK/invariants.out" >&2
  fail "the cluster's and the laptop's topic models differ in an invariant" "$WORK/invariants.log"
fi
sed 's/^/  /' "$WORK/invariants.out" >&2

# 7. Same rows in every table once the laptop applies the cluster's model.
t0=$SECONDS
# shellcheck disable=SC2086
if ! timeout "$RUN_SECONDS" java -Xmx1g $OPENS -Dlog4j.configurationFile=govlens-log4j2.properties \
    -cp "$THIN_JAR:$(cat "$CLASSPATH_FILE")" govlens.jobs.tools.CompareCommand "$CLUSTER_WH" "$REAPPLIED_WH" \
    >"$WORK/compare.out" 2>"$WORK/compare.log"; then
  cat "$WORK/compare.out" >&2
  fail "the cluster's warehouse and the laptop's with the cluster's model differ (a = cluster, b = local)" \
    "$WORK/compare.log"
fi
sed 's/^/  /' "$WORK/compare.out" >&2
say "compare done in $((SECONDS - t0))s"

PASSED=1
echo "cluster-test: PASS (topic invariants hold; warehouses equal with the cluster's model re-applied; 2 workers, $EXECUTORS executors, $((SECONDS - START))s)"
