# Build: a full Rust toolchain; runtime: a small Debian with only what the binary needs.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock i18n.toml ./
COPY src src
COPY migrations migrations
COPY locales locales
COPY data data
COPY assets assets
COPY benches benches
COPY examples examples
COPY tests tests
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
ENTRYPOINT ["otklik"]
CMD ["run"]
