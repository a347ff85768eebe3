using System.Text.RegularExpressions;

namespace ChangeGate.Analyzers.Tests.Infrastructure;

/// <summary>One diagnostic as <c>dotnet build</c> prints it: <c>path/File.cs(12,9): warning CG1001: …</c>.</summary>
internal sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id);

/// <summary>Reads the diagnostics out of <c>dotnet build</c> console output.</summary>
internal static partial class BuildDiagnostics
{
    /// <summary>Every distinct diagnostic in <paramref name="buildOutput"/> (MSBuild may print one twice).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string buildOutput) =>
        buildOutput.Split('\n')
            .Select(line => Diagnostic().Match(line.Trim()))
            .Where(match => match.Success)
            .Select(match => new BuildDiagnostic(
                match.Groups["file"].Value,
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["severity"].Value,
                match.Groups["id"].Value))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"^(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>warning|error|info) (?<id>[A-Z]+\d+):")]
    private static partial Regex Diagnostic();
}
