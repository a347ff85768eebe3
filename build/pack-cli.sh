#!/usr/bin/env bash
# Packs the changegate dotnet tool, ChangeGate.Cli, from src/ChangeGate.Cli.Native (docs/native.md):
#   artifacts/ChangeGate.Cli.<version>.nupkg        the package `dotnet tool install ChangeGate.Cli` finds;
#                                                   it holds no program, only the list of RID packages
#   artifacts/ChangeGate.Cli.<rid>.<version>.nupkg  the native changegate for one platform (Native AOT), with
#                                                   its managed part (managed/, run with `dotnet`) beside it
# The tool then installs from that folder:
#   dotnet tool install --tool-path .tools ChangeGate.Cli --add-source artifacts
#
# Native AOT compiles for the operating system it runs on, so each RID package is made on its own OS (and
# CPU, unless a cross toolchain is set up): run this script there with -r RID. The RIDs are listed once,
# in NativeToolRuntimeIdentifiers (Directory.Build.props); to add one, add it there and run this script
# with that -r on such a machine, into the same folder or feed. The version comes from <Version> in
# Directory.Build.props. Needs the .NET SDK and a C toolchain (gcc or clang, and the linker).
#
# Usage: build/pack-cli.sh [-c|--configuration Release] [-o|--output artifacts] [-r|--runtime RID]
#        (default RID: this machine's, e.g. linux-x64)
# Prints the paths of the two written packages, the RID package last.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: build/pack-cli.sh [-c|--configuration <Release|Debug>] [-o|--output <directory>] [-r|--runtime <rid>]"
}

configuration=Release
output=artifacts
rid=
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--configuration) configuration=${2:?"$1 needs a value"}; shift 2 ;;
    -o|--output) output=${2:?"$1 needs a value"}; shift 2 ;;
    -r|--runtime) rid=${2:?"$1 needs a value"}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

project=src/ChangeGate.Cli.Native/ChangeGate.Cli.Native.csproj
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -z "$rid" ]; then
  rid=$(dotnet msbuild "$project" -getProperty:NETCoreSdkRuntimeIdentifier -nologo)
fi
supported=$(dotnet msbuild "$project" -getProperty:ToolPackageRuntimeIdentifiers -nologo)
case ";$supported;" in
  *";$rid;"*) ;;
  *) echo "error: the tool is not packed for $rid; NativeToolRuntimeIdentifiers in Directory.Build.props lists: $supported" >&2
     echo "  fix: add $rid there (and run this script on a $rid machine), or pass -r with one of those" >&2
     exit 2 ;;
esac

mkdir -p "$output"
output=$(cd "$output" && pwd)
version=$(dotnet msbuild "$project" -getProperty:PackageVersion -p:Configuration="$configuration" -nologo)

# The top-level package: RID-agnostic, it names ChangeGate.Cli.<rid> for every RID of the list.
dotnet pack "$project" --configuration "$configuration" --output "$output" --nologo
# The native package of this RID: `pack -r` publishes with Native AOT, and the publish carries the managed part.
dotnet pack "$project" --configuration "$configuration" --runtime "$rid" --output "$output" --nologo

status=0
for package in "$output/ChangeGate.Cli.$version.nupkg" "$output/ChangeGate.Cli.$rid.$version.nupkg"; do
  if [ ! -f "$package" ]; then
    echo "error: dotnet pack did not write $package" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit "$status"

echo "$output/ChangeGate.Cli.$version.nupkg"
echo "$output/ChangeGate.Cli.$rid.$version.nupkg"
