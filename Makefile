# SAM's makefile builder: `sam build` runs `make build-<LogicalId>` for each function. Every function
# module depends on the sibling core module, so each target builds that one module with Maven (with
# what it needs) and unpacks its shaded jar into the artifacts directory, as Lambda's Java runtime
# expects (classes at the root).
MVN ?= mvn -q -B -DskipTests

build-%Function:
	$(eval MODULE := $(shell echo '$*' | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g' | tr 'A-Z' 'a-z'))
	$(MVN) -pl functions/$(MODULE) -am package
	cd "$(ARTIFACTS_DIR)" && jar xf "$(CURDIR)/functions/$(MODULE)/target/$(MODULE).jar"
	rm -rf "$(ARTIFACTS_DIR)/META-INF/maven"
