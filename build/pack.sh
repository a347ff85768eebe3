#!/usr/bin/env bash
# Packs the analyzer and code-fix assemblies into the NuGet package ChangeGate.Analyzers:
#   artifacts/ChangeGate.Analyzers.<version>.nupkg
# Both assemblies go to analyzers/dotnet/cs; the package has no lib/ folder and no dependencies, so
# nothing flows into a consumer's build output. The version comes from <Version> in Directory.Build.props.
#
# Usage: build/pack.sh [-c|--configuration Release] [-o|--output artifacts]
# Prints the path of the written package on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: build/pack.sh [-c|--configuration <Release|Debug>] [-o|--output <directory>]"
}

configuration=Release
output=artifacts
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--configuration) configuration=${2:?"$1 needs a value"}; shift 2 ;;
    -o|--output) output=${2:?"$1 needs a value"}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

project=src/ChangeGate.Analyzers.Package/ChangeGate.Analyzers.Package.csproj
mkdir -p "$output"
output=$(cd "$output" && pwd)

dotnet pack "$project" --configuration "$configuration" --output "$output" --nologo
version=$(dotnet msbuild "$project" -getProperty:PackageVersion -p:Configuration="$configuration" -nologo)
package="$output/ChangeGate.Analyzers.$version.nupkg"
if [ ! -f "$package" ]; then
  echo "error: dotnet pack did not write $package" >&2
  exit 1
fi

echo "$package"
