# The image of every service, built from the repository root (docker compose sets the
# context): SERVICE names the module, PORT the port it listens on, and STATE_DIR, where a
# service keeps local state, a directory owned by the user the service runs as (a new named
# volume takes the ownership of the directory it is mounted on).
ARG SERVICE

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests && cp "${SERVICE}/target/${SERVICE}.jar" /app.jar

FROM eclipse-temurin:17-jre
ARG PORT
ARG STATE_DIR=""
WORKDIR /app
COPY --from=build /app.jar app.jar
RUN if [ -n "${STATE_DIR}" ]; then mkdir -p "${STATE_DIR}" && chown -R 1000 "${STATE_DIR}"; fi
USER 1000
EXPOSE ${PORT}
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
