using System.Text.RegularExpressions;

namespace ChangeGate.Analyzers.Tests.Samples;

/// <summary>A finding a sample expects: <c>// expect: CG1001</c> on line <see cref="Line"/> of <see cref="File"/> (relative to the sample).</summary>
internal sealed record ExpectedFinding(string File, int Line, string Id)
{
    public override string ToString() => $"{File}({Line}): {Id}";
}

/// <summary>Reads the <c>// expect: CG1001, CG1002</c> markers of a sample's C# files.</summary>
internal static partial class ExpectMarkers
{
    public static IReadOnlyList<ExpectedFinding> Read(string sampleDirectory)
    {
        var expected = new List<ExpectedFinding>();
        foreach (var file in SourceFiles(sampleDirectory))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Marker().Match(lines[i]);
                if (!match.Success)
                {
                    continue;
                }

                foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    expected.Add(new ExpectedFinding(Relative(sampleDirectory, file), i + 1, id));
                }
            }
        }

        return expected;
    }

    /// <summary>True when some C# file of the sample carries a marker.</summary>
    public static bool HasAny(string sampleDirectory) => Read(sampleDirectory).Count > 0;

    public static string Relative(string sampleDirectory, string file) =>
        Path.GetRelativePath(sampleDirectory, file).Replace('\\', '/');

    private static IEnumerable<string> SourceFiles(string sampleDirectory) =>
        Directory.EnumerateFiles(sampleDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Relative(sampleDirectory, file).Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>CG\d{4}(\s*,\s*CG\d{4})*)\s*$")]
    private static partial Regex Marker();
}
