#!/usr/bin/env bash
# Re-runs the real-code accuracy measurement of the CG rules (docs/accuracy.md).
#
#   build/accuracy/run.sh [measure] [crash] [--repo owner/name]
#
# Needs the corpus snapshots: fetch each repository of build/accuracy/corpus.tsv with the `fetch` tool
# (it lands under /work/.mirror/<owner>+<name>/repo; set MIRROR for another root). The script extracts the
# listed commit's sources into $ACCURACY_WORK (default /tmp/changegate-accuracy, never the repository),
# builds src/ChangeGate.Analyzers from this working tree, and runs the harness:
#   measure  per-rule TP/FP/FN/precision/recall for dev and held-out, every FP, FN and unlabelled finding
#   crash    every .cs file of every corpus repository and truncated copies of the chosen files: AD0001 count
# Output: Markdown on stdout, also written to $ACCURACY_WORK/{measure,crash}.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
MIRROR=${MIRROR:-/work/.mirror}
WORK=${ACCURACY_WORK:-/tmp/changegate-accuracy}
modes=() extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    measure|crash) modes+=("$1"); shift ;;
    --repo) extra+=(--repo "$2"); shift 2 ;;
    *) echo "usage: build/accuracy/run.sh [measure] [crash] [--repo owner/name]" >&2; exit 2 ;;
  esac
done
[[ ${#modes[@]} -gt 0 ]] || modes=(measure crash)
mkdir -p "$WORK/corpus"

missing=0
extra_repos=""
extract() { # repo commit
  local repo=$1 commit=$2 name=${1/\//+}
  local git_dir="$MIRROR/$name/repo" dest="$WORK/corpus/$name"
  # A snapshot may also come as a work tree, its git directory inside it.
  [[ -d $git_dir/.git ]] && git_dir=$git_dir/.git
  if [[ -f "$dest/.corpus-commit" && $(cat "$dest/.corpus-commit") == "$commit" ]]; then return 0; fi
  if ! git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "missing snapshot: $repo@$commit (fetch github:$repo, expected under $git_dir)" >&2
    return 1
  fi
  rm -rf "$dest"
  build/accuracy/extract.sh "$git_dir" "$commit" "$dest"
  echo "$commit" > "$dest/.corpus-commit"
}
while IFS=$'\t' read -r repo commit split domain; do
  [[ -z $repo || $repo == \#* || $repo == repo ]] && continue
  extract "$repo" "$commit" || missing=1
done < build/accuracy/corpus.tsv
# Repositories that only the crash-free run reads (more real code, no labels).
if [[ " ${modes[*]} " == *" crash "* && ${#extra[@]} -eq 0 ]]; then
  while IFS=$'\t' read -r repo commit; do
    [[ -z $repo || $repo == \#* || $repo == repo ]] && continue
    extract "$repo" "$commit" || missing=1
    extra_repos+="${extra_repos:+,}$repo"
  done < build/accuracy/crash-extra.tsv
fi
[[ $missing == 0 ]] || { echo "fetch the missing snapshots first" >&2; exit 2; }

timeout 900 dotnet build src/ChangeGate.Analyzers -c Release -nologo -v q >/dev/null
timeout 900 dotnet build build/accuracy/ChangeGate.Accuracy -c Release -nologo -v q >/dev/null
built=src/ChangeGate.Analyzers/bin/Release/netstandard2.0/ChangeGate.Analyzers.dll
[[ -f $built ]] || { echo "no analyzer build at $built" >&2; exit 2; }
# The run reads its own copy: a build of the work tree during a long run must not swap the analyzers under it.
mkdir -p "$WORK/analyzers"
analyzers=$WORK/analyzers/ChangeGate.Analyzers.dll
cp "$built" "$analyzers"
harness=build/accuracy/ChangeGate.Accuracy/bin/Release/net10.0/ChangeGate.Accuracy.dll
status=0
for mode in "${modes[@]}"; do
  # The crash run loads whole repositories; each mode runs in its own process with a bounded time.
  more=()
  [[ $mode == crash && -n $extra_repos ]] && more=(--extra "$extra_repos")
  timeout 10800 dotnet "$harness" "$mode" --corpus-dir "$WORK/corpus" --data build/accuracy \
    --analyzers "$analyzers" --work "$WORK" "${extra[@]}" "${more[@]}" | tee "$WORK/$mode.md" || status=$?
done
# Non-zero when an analyzer raised AD0001 (1) or the harness failed.
exit $status
