using Microsoft.Extensions.FileSystemGlobbing;

namespace ChangeGate.Core.Evidence.Results;

/// <summary>
/// Expands the <c>--results</c> arguments of <c>evidence record</c>: plain paths and globs
/// (<c>*</c>, <c>?</c>, <c>**</c> for any depth), relative to a base directory or absolute.
/// A pattern that matches nothing is an error: evidence that silently leaves out a test job's
/// results would let the gate pass on less than was run.
/// </summary>
public static class ResultFileGlob
{
    private static readonly char[] Wildcards = ['*', '?'];

    /// <summary>Expands <paramref name="patterns"/> into existing files, sorted and without duplicates.</summary>
    /// <param name="patterns">Paths or globs, such as <c>artifacts/test-results/*.trx</c>.</param>
    /// <param name="baseDirectory">What relative patterns are relative to (the current directory for the CLI).</param>
    public static EvidenceResult<IReadOnlyList<string>> Expand(IEnumerable<string> patterns, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                continue;
            }

            var full = Path.GetFullPath(pattern, baseDirectory);
            var matches = pattern.IndexOfAny(Wildcards) < 0
                ? (File.Exists(full) ? [full] : [])
                : Glob(full);
            if (matches.Count == 0)
            {
                return new EvidenceError(
                    $"No test result file matches '{pattern}'.",
                    "Check the pattern and that the test run wrote its results there (dotnet test --logger trx --results-directory DIR); quote globs so the shell does not expand them.");
            }

            files.UnionWith(matches);
        }

        if (files.Count == 0)
        {
            return new EvidenceError("No test result files were given.", "Pass --results with the TRX or JUnit files of the test run, such as --results 'artifacts/test-results/*.trx'.");
        }

        return EvidenceResult<IReadOnlyList<string>>.Success([.. files]);
    }

    /// <summary>Matches a full-path glob from the deepest directory that has no wildcard in it.</summary>
    private static List<string> Glob(string fullPattern)
    {
        var separators = new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };
        var firstWildcard = fullPattern.IndexOfAny(Wildcards);
        var rootEnd = fullPattern.LastIndexOfAny(separators, firstWildcard);
        var root = rootEnd <= 0 ? Path.GetPathRoot(fullPattern)! : fullPattern[..rootEnd];
        var relative = fullPattern[(rootEnd + 1)..];
        if (!Directory.Exists(root))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(relative);
        return [.. matcher.GetResultsInFullPath(root)];
    }
}
