#!/usr/bin/env bash
# Runs the ChangeGate benchmarks in Release and prints Markdown for docs/benchmarks.md:
#   parsing TRX files of 1,000 / 10,000 / 100,000 results (time, allocations, peak heap growth),
#   `changegate gate` on ledgers of 100 and 10,000 events, `changegate affected` on this repository.
#
# Usage: build/bench/run.sh [trx] [gate] [affected] [--runs N]   (default: all, 5 runs after a warm-up)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build build/bench/ChangeGate.Benchmarks -c Release -nologo -v q >/dev/null
dotnet build/bench/ChangeGate.Benchmarks/bin/Release/net10.0/ChangeGate.Benchmarks.dll "$@"
