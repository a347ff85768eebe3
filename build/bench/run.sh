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
#   analyzers-cpu    the same side by side, load-robust: each analyzer's THREAD CPU time, every callback it registers
#                    (ChangeGate's and Meziantou's alike) wrapped with clock_gettime(CLOCK_THREAD_CPUTIME_ID) (Linux),
#                    summed per analyzer (per CG rule and per kind of callback), less GC pauses (bytes allocated shown
#                    instead) and less the timing's own cost per callback (a probe analyzer's); sequential analysis, the
#                    compile's concurrent build off; the compile is the thread CPU of GetDiagnostics without analyzers
#                    (less GC pauses); prints median and min of the runs,
#                    each rule against Meziantou's median rule and the CG total against the compile; checks that the
#                    wrapped analyzers report what the unwrapped ones do (exit 1 if not). --library, --rules and
#                    --changegate-only as for analyzers; --real-only skips the generated library. Only when named.
#   analyzer-growth  each rule's time as one method grows (deletes, backup triples, a long concatenation, a long
#                    call chain), compiled by the SDK's csc in a child process per size and rule, bounded
#   startup          start-up side by side, alternating round by round: a hello-world `dotnet` console app against
#                    the installed changegate (--changegate PATH, default .tools/changegate: build/pack-cli.sh, then
#                    `dotnet tool install --tool-path .tools ChangeGate.Cli --add-source artifacts`): `gate`,
#                    `deploy record` and `rollout status` on a local ledger of 10,000 events; medians, ratios to
#                    hello world and peak RSS of each process (GNU time); --rounds N (default 30)
#
# Usage: build/bench/run.sh [trx] [gate] [ledger] [affected] [analyzers] [analyzers-cpu] [analyzer-growth] [startup] [--runs N]
#                           [--library PATH] [--concurrent] [--changegate-only] [--real-only] [--rules LIST] [--bound SECONDS] [--cases deletes,triples,concat,chain]
#                           [--changegate PATH] [--rounds N]
#        (default: every group but startup and analyzers-cpu, 5 runs after a warm-up; growth bound 120 s per compile)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build build/bench/ChangeGate.Benchmarks -c Release -nologo -v q >/dev/null
dotnet build/bench/ChangeGate.Benchmarks/bin/Release/net10.0/ChangeGate.Benchmarks.dll "$@"
