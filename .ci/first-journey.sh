#!/usr/bin/env bash
# Builds the "Your first journey" project (docs/first-journey.md) the way a new user would: from
# the published artifacts only. It deploys this build's artifacts (BOM and parent included) to a
# throw-away file repository, generates the guide's project (its pom, journey/ and tests, copied
# from docs/), and runs the project's tests against that repository.
#
# Nothing is written to ~/.m2: both builds use a fresh local repository under the work directory.
# Third-party artifacts come from ~/.m2/repository (read as a file:// repository) when the main
# build already fetched them, else from Maven Central, as they would for a user: the guide's
# project resolves its own versions of transitive dependencies, which need not be the ones the
# main build used. Run it after `mvn verify` (which compiled everything); .ci/run does.
# Usage: .ci/first-journey.sh [work-directory]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
if [ $# -ge 1 ]; then
  WORK="$1"
else
  WORK="$(mktemp -d -t journey-first-journey.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
fi
SOURCE_REPO="${JOURNEY_M2_REPOSITORY:-$HOME/.m2/repository}"
rm -rf "$WORK/repo" "$WORK/m2" "$WORK/project"
mkdir -p "$WORK/repo" "$WORK/m2" "$WORK/project"

cat > "$WORK/settings.xml" <<XML
<settings>
  <localRepository>$WORK/m2</localRepository>
  <profiles>
    <profile>
      <id>journey-published</id>
      <!-- tried in this order, before Maven Central (the super POM's "central") -->
      <repositories>
        <repository>
          <id>journey-published</id><url>file://$WORK/repo</url>
          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
        </repository>
        <repository>
          <id>local-cache</id><url>file://$SOURCE_REPO</url>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>local-cache</id><url>file://$SOURCE_REPO</url>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>journey-published</activeProfile></activeProfiles>
</settings>
XML

echo "first-journey: deploying the published modules to $WORK/repo"
# install is skipped: the user's build must find every Journey artifact in the deployed repository
timeout 300 mvn -B -ntp -q -s "$WORK/settings.xml" deploy \
  -pl '!docs,!journey-benchmarks,!journey-cli' \
  -P '!release' -DskipTests -Dmaven.install.skip=true \
  -DaltDeploymentRepository="journey-published::file://$WORK/repo" > "$WORK/deploy.log" 2>&1 \
  || { tail -50 "$WORK/deploy.log"; echo "first-journey: deploy failed (log: $WORK/deploy.log)"; exit 1; }

for unpublished in journey-docs journey-benchmarks journey-cli journey-examples journey-architecture; do
  if [ -e "$WORK/repo/dev/journey/$unpublished" ]; then
    echo "first-journey: $unpublished must not be published"; exit 1
  fi
done

echo "first-journey: generating the guide's project in $WORK/project"
cp "$ROOT/docs/src/test/resources/first-journey/pom.xml" "$WORK/project/pom.xml"
cp -r "$ROOT/docs/journey" "$WORK/project/journey"
mkdir -p "$WORK/project/src/test/java/com/example"
cp -r "$ROOT/docs/src/test/java/com/example/renewals" "$WORK/project/src/test/java/com/example/renewals"

echo "first-journey: running the project's tests against the published artifacts"
timeout 300 mvn -B -ntp -s "$WORK/settings.xml" -f "$WORK/project/pom.xml" test > "$WORK/project.log" 2>&1 \
  || { tail -80 "$WORK/project.log"; echo "first-journey: the guide's project failed (log: $WORK/project.log)"; exit 1; }

# the project's tests ran (not zero of them) and every Journey artifact came from the deployment
ran=$(grep -ho 'tests="[0-9]*"' "$WORK"/project/target/surefire-reports/TEST-com.example.*.xml | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}')
if [ "${ran:-0}" -lt 3 ]; then
  echo "first-journey: expected the guide's 3 tests to run, but $ran ran"; exit 1
fi
if grep -rqsE "central|local-cache" "$WORK"/m2/dev/journey/*/*/_remote.repositories; then
  echo "first-journey: a Journey artifact was resolved from somewhere else than the deployment"; exit 1
fi
# Jackson's modules must resolve to one version in the user's build (jackson-annotations, which
# has had its own versions since 2.20, aside): Maven 3 takes a transitive dependency's version from
# the nearest declaration, so a dependency of a dependency can bring a module ahead of jackson-core
timeout 120 mvn -B -ntp -q -s "$WORK/settings.xml" -f "$WORK/project/pom.xml" dependency:list \
  -DincludeGroupIds=com.fasterxml.jackson.core,com.fasterxml.jackson.dataformat,com.fasterxml.jackson.datatype \
  -DexcludeArtifactIds=jackson-annotations -DoutputFile="$WORK/jackson.txt" > "$WORK/list.log" 2>&1 \
  || { tail -30 "$WORK/list.log"; echo "first-journey: dependency:list failed (log: $WORK/list.log)"; exit 1; }
jackson=$(grep -oE 'com\.fasterxml\.jackson[^:]*:[^:]+:jar:[^:]+' "$WORK/jackson.txt" | awk -F: '{print $4}' | sort -u)
if [ "$(echo "$jackson" | grep -c .)" -ne 1 ]; then
  echo "first-journey: the guide's project resolves Jackson modules at more than one version:"
  grep -E 'com\.fasterxml\.jackson' "$WORK/jackson.txt"; exit 1
fi
echo "first-journey: OK, $ran tests of the guide's project passed against the published artifacts"
