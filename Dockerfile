# Build: a full Rust toolchain; runtime: a small Debian with only what the binary needs.
#
#   docker build -t otklik .
#
# The dependencies are built in their own layer from the manifest alone (placeholder sources),
# so a change to Otklik's code rebuilds only Otklik. Tests, benches and examples are not
# copied: the empty placeholders only satisfy the manifest's target list.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src tests/it benches \
 && echo 'fn main() {}' > src/main.rs \
 && touch src/lib.rs tests/it/main.rs benches/calendar.rs \
 && cargo build --release --locked --bin otklik \
 && rm -rf src target/release/otklik* target/release/deps/otklik-* \
      target/release/deps/libotklik-* target/release/.fingerprint/otklik-*
COPY i18n.toml ./
COPY src src
COPY migrations migrations
COPY locales locales
COPY data data
COPY assets assets
RUN cargo build --release --locked --bin otklik

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --create-home otklik
COPY --from=build /src/target/release/otklik /usr/local/bin/otklik
USER otklik
WORKDIR /data
VOLUME ["/data"]
# Migrations run at start; the SQLite file lives on the volume unless DATABASE_URL says otherwise.
ENV DATABASE_URL=sqlite:/data/otklik.db?mode=rwc
# Configuration, database and token (getMe), one line each; unhealthy if any fails.
HEALTHCHECK --interval=60s --timeout=20s --start-period=30s --retries=3 CMD ["otklik", "check"]
ENTRYPOINT ["otklik"]
CMD ["run"]
