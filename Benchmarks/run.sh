#!/usr/bin/env bash
# Starts one in-memory Azurite, then alternates our client and @azure/data-tables against it (two rounds each).
#   Benchmarks/run.sh [iterations] [warmup]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-2000}"
warmup="${2:-200}"
port="${BENCH_TABLE_PORT:-10212}"
node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence --disableTelemetry --silent &
azurite=$!
trap 'kill "$azurite"' EXIT
for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
export STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1"
dotnet build Benchmarks -c Release -nologo -v q >/dev/null
for round in 1 2; do
  dotnet Benchmarks/bin/Release/net10.0/ConcertationBot.Benchmarks.dll "$iterations" "$warmup"
  node Benchmarks/official-client.mjs "$iterations" "$warmup"
done
