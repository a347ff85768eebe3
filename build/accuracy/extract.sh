#!/usr/bin/env bash
# Materialises the source files of one fetched snapshot (a bare git dir under /work/.mirror) into a
# work tree outside the repository, for the accuracy run. Only what a compilation needs is copied
# (.cs, project and MSBuild files, .editorconfig, packages.config); large or missing blobs are skipped.
#
# Usage: build/accuracy/extract.sh GIT_DIR COMMIT DEST
set -euo pipefail
git_dir=$1 commit=$2 dest=$3
mkdir -p "$dest"
git --git-dir="$git_dir" ls-tree -r "$commit" |
  awk -F'\t' '$1 ~ / blob / { print $2 }' |
  grep -Ei '\.(cs|csproj|props|targets|editorconfig|globalconfig|sln|slnx)$|(^|/)(\.editorconfig|packages\.config|global\.json|nuget\.config)$' |
  while IFS= read -r path; do
    mkdir -p "$dest/$(dirname "$path")"
    git --git-dir="$git_dir" show "$commit:$path" >"$dest/$path" 2>/dev/null || rm -f "$dest/$path"
  done
