#!/usr/bin/env bash
# Materialises the source files of one fetched snapshot (a bare git dir under /work/.mirror) into a
# work tree outside the repository, for the accuracy run. Only what a compilation needs is copied
# (.cs, project and MSBuild files, .editorconfig, packages.config), byte for byte as committed; blobs
# missing from the snapshot (its largest files may be absent) are skipped.
#
# Usage: build/accuracy/extract.sh GIT_DIR COMMIT DEST
#
# A handful of git processes per snapshot, not one per file: list the tree, keep the wanted paths whose
# blobs are present (one `cat-file --batch-check`), and write them with one `checkout-index` from a
# temporary index. `git archive` cannot be used: it stops at the first missing blob. The checkout runs
# in a scratch repository that borrows the snapshot's objects (alternates) and switches off every
# attribute, so a repository's own .gitattributes (eol=crlf, filters) cannot change the bytes.
set -euo pipefail
git_dir=$(cd "$1" && pwd) commit=$2 dest=$3
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git init -q --bare "$scratch/git"
echo "$git_dir/objects" >"$scratch/git/objects/info/alternates"
echo '* -text -eol -filter -ident -working-tree-encoding' >"$scratch/git/info/attributes"
git=(git --git-dir="$scratch/git" -c core.autocrlf=false -c core.symlinks=false)

wanted='[/ ](.+\.(cs|csproj|props|targets|editorconfig|globalconfig|sln|slnx)|\.editorconfig|packages\.config|global\.json|nuget\.config)$'
# "<blob-id> <path>" for every wanted blob (paths with a tab or newline are not expected here).
"${git[@]}" -c core.quotePath=false ls-tree -r "$commit" |
  awk -F'\t' '$1 ~ / blob / { split($1, f, " "); print f[3] " " $2 }' |
  { grep -Ei "$wanted" || true; } >"$scratch/list"
# Keep the paths whose blob is present: batch-check answers "<id> missing" for an absent object.
cut -d' ' -f1 "$scratch/list" |
  "${git[@]}" cat-file --batch-check='%(objectname) %(objecttype)' |
  paste -d' ' - "$scratch/list" |
  awk '$2 == "blob" { sub(/^[^ ]+ [^ ]+ [^ ]+ /, ""); print }' >"$scratch/present"
GIT_INDEX_FILE=$scratch/index "${git[@]}" read-tree "$commit"
GIT_INDEX_FILE=$scratch/index "${git[@]}" --work-tree="$dest" checkout-index -f --stdin <"$scratch/present"
