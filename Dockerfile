# Build a static binary, then run it as a non-root user on a distroless-like
# minimal image. The data directory is a volume so the index outlives the
# container.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/verbatim ./cmd/verbatim

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --home /data verbatim && mkdir -p /data && chown verbatim /data \
    && apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/verbatim /usr/local/bin/verbatim
USER verbatim
VOLUME ["/data"]
EXPOSE 8080
ENV VERBATIM_ADDR=0.0.0.0:8080 VERBATIM_DATA=/data
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["verbatim"]
CMD ["serve"]
