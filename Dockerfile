# syntax=docker/dockerfile:1
# One image for every camfleet command: `camfleet simulate`, `retention-service`, `sharing-service`
# and `dashboard` (docker-compose.yml picks the command). Build context: the repository root.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Host build output must not leak into the image's build; the Maven cache survives between builds.
RUN --mount=type=cache,target=/root/.m2 \
    find . -name target -type d -prune -exec rm -rf {} + \
    && mvn -B -q -pl lab -am package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN groupadd --system --gid 10001 camfleet \
    && useradd --system --uid 10001 --gid camfleet --home-dir /app --no-create-home camfleet
# lab/target/lib holds the product's runtime classpath (the lab build copies it there)
COPY --from=build /src/lab/target/camfleet.jar /app/camfleet.jar
COPY --from=build /src/lab/target/lib/ /app/lib/
COPY worlds/ /app/worlds/
COPY policies/ /app/policies/
USER camfleet
# the dashboard (8080), the sharing service's custody API and metrics (8081), the retention service's metrics (8082)
EXPOSE 8080 8081 8082
ENTRYPOINT ["java", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro", "-Dcamfleet.home=/app", "-cp", "/app/camfleet.jar:/app/lib/*", "io.camfleet.lab.Camfleet"]
CMD ["--help"]
