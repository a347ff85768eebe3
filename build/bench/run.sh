#!/usr/bin/env bash
# Runs the ChangeGate benchmarks in Release and prints Markdown for docs/benchmarks.md:
#   trx              parsing TRX files of 1,000 / 10,000 / 100,000 results (time, allocations, peak heap growth)
#   gate             `changegate gate` on ledgers of 100 and 10,000 events
#   ledger           verifying a 10,000-event ledger in a fresh and a warm clone (signed and not), beside `git log --patch`
#   affected         `changegate affected` on this repository
#   analyzers        the six ChangeGate rules side by side with Meziantou.Analyzer in one CompilationWithAnalyzers,
#                    on a real library (--library PATH, or CHANGEGATE_BENCH_LIBRARY: a snapshot of
#                    JamesNK/Newtonsoft.Json, never committed) and on a generated library that uses no watched API;
#                    --rules CG1001,CG1002 runs only those ChangeGate analyzers (what a rule costs alone: work the
#                    rules share is otherwise charged to whichever asks first), --changegate-only leaves the peer out
#   analyzer-growth  each rule's time as one method grows (deletes, backup triples, a long concatenation, a long
#                    call chain), compiled by the SDK's csc in a child process per size and rule, bounded
#   startup          start-up side by side, alternating round by round: a hello-world `dotnet` console app against
#                    the installed changegate (--changegate PATH, default .tools/changegate: build/pack-cli.sh, then
#                    `dotnet tool install --tool-path .tools ChangeGate.Cli --add-source artifacts`): `gate`,
#                    `deploy record` and `rollout status` on a local ledger of 10,000 events; medians, ratios to
#                    hello world and peak RSS of each process (GNU time); --rounds N (default 30)
#
# Usage: build/bench/run.sh [trx] [gate] [ledger] [affected] [analyzers] [analyzer-growth] [startup] [--runs N]
#                           [--library PATH] [--concurrent] [--changegate-only] [--rules LIST] [--bound SECONDS] [--cases deletes,triples,concat,chain]
#                           [--changegate PATH] [--rounds N]
#        (default: every group but startup, 5 runs after a warm-up; growth bound 120 s per compile)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build build/bench/ChangeGate.Benchmarks -c Release -nologo -v q >/dev/null
dotnet build/bench/ChangeGate.Benchmarks/bin/Release/net10.0/ChangeGate.Benchmarks.dll "$@"
