using ChangeGate.Core.Analysis;
using ChangeGate.Core.Analysis.Sarif;

namespace ChangeGate.Core.Tests.Analysis;

public sealed class SarifReaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "changegate-sarif-" + Guid.NewGuid().ToString("N")[..12]);

    public SarifReaderTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void What_the_writer_writes_reads_back_the_same()
    {
        var report = Report(
            new AnalyzerFinding("CG1001", FindingLevel.Error, "File.Delete deletes 'x'", "src/Deploy/Server Updater.cs", 12, 9, 12, 30),
            new AnalyzerFinding("CG3002", FindingLevel.Note, "fan-out", "src/Rollout.cs", 3, 1, 3, 8));

        var read = SarifReader.Read([Write("changegate.sarif", SarifWriter.Write(report))], _root);

        Assert.True(read.IsSuccess, string.Join("\n", read.Problems));
        Assert.Equal(report.Findings, read.Value.Findings);
        Assert.Single(read.Value.Errors);
    }

    [Fact]
    public void Compiler_style_logs_count_only_ChangeGate_rules_that_are_not_suppressed()
    {
        // The shape `-p:ErrorLog=build.sarif%2Cversion=2.1` gives: absolute file URIs, suppressed results kept with "suppressions".
        var file = new Uri(Path.Combine(_root, "src", "Updater.cs")).AbsoluteUri;
        var sarif = $$"""
            {
              "$schema": "http://json.schemastore.org/sarif-2.1.0",
              "version": "2.1.0",
              "runs": [{
                "results": [
                  { "ruleId": "CG1001", "level": "error", "message": { "text": "deletes" }, "locations": [{ "physicalLocation": { "artifactLocation": { "uri": "{{file}}" }, "region": { "startLine": 7, "startColumn": 9, "endLine": 7, "endColumn": 40 } } }] },
                  { "ruleId": "CG1002", "level": "error", "message": { "text": "overwrites" }, "suppressions": [{ "kind": "inSource" }], "locations": [{ "physicalLocation": { "artifactLocation": { "uri": "{{file}}" }, "region": { "startLine": 9 } } }] },
                  { "ruleId": "CS0168", "level": "error", "message": { "text": "unused" }, "locations": [{ "physicalLocation": { "artifactLocation": { "uri": "{{file}}" }, "region": { "startLine": 3 } } }] }
                ],
                "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "version": "5.0.0", "rules": [{ "id": "CG1001", "shortDescription": { "text": "Unguarded delete" }, "helpUri": "https://example.invalid/CG1001.md" }] } },
                "columnKind": "utf16CodeUnits"
              }]
            }
            """;

        var read = SarifReader.Read([Write("build.sarif", sarif)], _root).Value;

        var finding = Assert.Single(read.Findings);
        Assert.Equal(new AnalyzerFinding("CG1001", FindingLevel.Error, "deletes", "src/Updater.cs", 7, 9, 7, 40), finding);
        Assert.Equal(1, read.SuppressedInSource);
    }

    [Fact]
    public void A_ChangeGate_analyzer_that_crashed_in_the_build_is_a_problem_not_a_clean_log()
    {
        // What the compiler writes when an analyzer throws: AD0001 naming the analyzer type; that analyzer's findings are missing.
        var sarif = """
            {
              "version": "2.1.0",
              "runs": [{
                "results": [
                  { "ruleId": "AD0001", "level": "warning", "message": { "text": "Analyzer 'ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer' threw an exception of type 'System.NullReferenceException' with message 'Object reference not set to an instance of an object.'.\nException occurred with following context:" } },
                  { "ruleId": "AD0001", "level": "warning", "message": { "text": "Analyzer 'Other.Analyzers.SomeAnalyzer' threw an exception of type 'System.Exception' with message 'not ours'." } }
                ],
                "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "version": "5.0.0" } }
              }]
            }
            """;

        var read = SarifReader.Read([Write("crashed.sarif", sarif)], _root);

        Assert.False(read.IsSuccess);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(
            $"{Path.Combine(_root, "crashed.sarif")}: runs[0].results[0]: a ChangeGate analyzer crashed during the build (AD0001), so its findings are missing: Analyzer 'ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer' threw an exception of type 'System.NullReferenceException' with message 'Object reference not set to an instance of an object.'.",
            problem.Message);
    }

    [Fact]
    public void Another_analyzers_crash_does_not_stop_the_ChangeGate_findings()
    {
        var sarif = """
            {
              "version": "2.1.0",
              "runs": [{
                "results": [{ "ruleId": "AD0001", "level": "warning", "message": { "text": "Analyzer 'Other.Analyzers.SomeAnalyzer' threw an exception of type 'System.Exception' with message 'not ours'." } }],
                "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "version": "5.0.0" } }
              }]
            }
            """;

        var read = SarifReader.Read([Write("other.sarif", sarif)], _root);

        Assert.True(read.IsSuccess, string.Join("\n", read.Problems));
        Assert.Empty(read.Value.Findings);
    }

    [Fact]
    public void Malformed_json_is_a_problem_with_file_line_and_column()
    {
        var path = Write("broken.sarif", "{\n  \"version\": \"2.1.0\",\n  \"runs\": [ oops ]\n}\n");

        var read = SarifReader.Read([path], _root);

        Assert.False(read.IsSuccess);
        Assert.StartsWith($"{path}:3:", read.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_compiler_format_is_refused_with_the_switch_that_writes_2_1()
    {
        var read = SarifReader.Read([Write("v1.sarif", """{ "version": "1.0.0", "runLogs": [] }""")], _root);

        Assert.False(read.IsSuccess);
        Assert.Contains("SARIF version 1.0.0 is not supported", read.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("version=2.1", read.Problems[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_problem()
    {
        var read = SarifReader.Read([Path.Combine(_root, "nowhere.sarif")], _root);

        Assert.False(read.IsSuccess);
        Assert.Equal($"no SARIF file at {Path.Combine(_root, "nowhere.sarif")}", read.Problems[0].Message);
        Assert.Contains("changegate analyze --format sarif --output FILE", read.Problems[0].Fix, StringComparison.Ordinal);
    }

    private AnalysisReport Report(params AnalyzerFinding[] findings) => new(
        "ChangeGate",
        "0.1.0",
        _root,
        [new AnalyzerRule("CG1001", "UnguardedDeleteInUpdate", "Unguarded delete", "why", "https://example.invalid/CG1001.md", FindingLevel.Warning),
         new AnalyzerRule("CG3002", "UnstagedFanOut", "Fan-out", null, "https://example.invalid/CG3002.md", FindingLevel.Note)],
        findings,
        ["src/Deploy/Deploy.csproj"],
        3,
        0,
        []);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }
}
