# Used by `sam build`: every function in template.yaml has Metadata BuildMethod makefile, so SAM runs
# `make build-<LogicalId>` here with ARTIFACTS_DIR set. The target builds the function's Maven module
# (its CodeUri, functions/<name> for <Name>Function, or the MODULE a function names below) with the wrapper and unpacks the module's
# deployment zip into ARTIFACTS_DIR: SAM then deploys exactly what `./mvnw package` makes.
SHELL := bash
MVNW_FLAGS ?= -B -q -Dmaven.test.skip=true

# A function whose code is another function's module names that module here.
build-InvolvementMailFunction: MODULE = involvement

build-%Function:
	set -euo pipefail; source tools/jdk.sh; \
	module="$(or $(MODULE),$$(tr '[:upper:]' '[:lower:]' <<< '$*'))"; \
	./mvnw $(MVNW_FLAGS) package -pl "functions/$$module" -am; \
	python3 -m zipfile -e "functions/$$module/target/$$module.zip" "$(ARTIFACTS_DIR)"
