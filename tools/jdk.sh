# Sourced by scripts: makes JAVA_HOME a JDK 21+, taking the newest one in /usr/lib/jvm when the
# current one is older (machines may carry an older default JDK beside a newer one).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [[ -z "${JAVA_HOME:-}" || "$(java_major "$JAVA_HOME")" -lt 21 ]]; then
  for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    if [[ -x "$jdk/bin/javac" && "$(java_major "$jdk")" -ge 21 ]]; then
      export JAVA_HOME="${jdk%/}"
      break
    fi
  done
fi
if [[ -z "${JAVA_HOME:-}" || "$(java_major "$JAVA_HOME")" -lt 21 ]]; then
  echo "no JDK 21+ found: install one and set JAVA_HOME" >&2
  exit 1
fi
