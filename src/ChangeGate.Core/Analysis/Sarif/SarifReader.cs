using System.Text.Json;
using System.Text.RegularExpressions;
using ChangeGate.Core.Inputs;

namespace ChangeGate.Core.Analysis.Sarif;

/// <summary>
/// Reads the ChangeGate findings out of SARIF 2.1.0 logs, such as the compiler writes with
/// <c>-p:ErrorLog=build.sarif%2Cversion=2.1</c> or <c>changegate analyze --format sarif</c> writes.
/// Only rules named CGnnnn count; results suppressed in source, of kind other than fail, or of level
/// none do not. A file that cannot be read as SARIF 2.1.0 is a problem with file:line:column: the
/// gate cannot tell what it holds, so it blocks.
/// </summary>
public static partial class SarifReader
{
    /// <summary>The compiler's id for "an analyzer threw an exception"; its message names the analyzer type.</summary>
    private const string AnalyzerCrashId = "AD0001";

    /// <summary>How an AD0001 message names one of ours: Analyzer 'ChangeGate.Analyzers.Rules.X' threw ...</summary>
    private const string AnalyzerNamespace = "'ChangeGate.Analyzers.";

    /// <summary>Reads and merges <paramref name="files"/>; finding paths become relative to <paramref name="repositoryRoot"/>.</summary>
    public static Result<AnalysisReport> Read(IReadOnlyList<string> files, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(files);
        var findings = new List<AnalyzerFinding>();
        var rules = new Dictionary<string, AnalyzerRule>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        var suppressed = 0;
        var tools = new List<string>();
        var changeGateRuns = new List<SarifRun>();
        foreach (var file in files)
        {
            var opened = InputFile.OpenRead(file, file, InputKind.Sarif);
            if (!opened.IsSuccess)
            {
                problems.AddRange(opened.Problems);
                continue;
            }

            try
            {
                using var stream = opened.Value;
                using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
                suppressed += ReadLog(document.RootElement, file, repositoryRoot, findings, rules, tools, changeGateRuns);
            }
            catch (JsonException e)
            {
                problems.Add(new Problem(
                    $"{file}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON, so not a SARIF log: {e.Message.Split(" LineNumber:")[0]}",
                    "pass the SARIF file exactly as the build or `changegate analyze --format sarif --output FILE` wrote it"));
            }
            catch (SarifFormatException e)
            {
                problems.Add(new Problem($"{file}: {e.Message}", e.Fix));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new Problem($"cannot read the SARIF file {file}: {e.Message}",
                    "check the path; write it in the build with -p:ErrorLog=build.sarif%2Cversion=2.1, or with `changegate analyze --format sarif --output FILE`"));
            }
        }

        if (problems.Count > 0)
        {
            return Result<AnalysisReport>.Fail(problems);
        }

        return Result<AnalysisReport>.Ok(new AnalysisReport(
            tools.Count == 0 ? "SARIF" : string.Join(", ", tools.Distinct(StringComparer.Ordinal)),
            string.Empty,
            repositoryRoot,
            [.. rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal)],
            [.. findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)],
            [],
            0,
            suppressed,
            [])
        {
            SarifRuns = changeGateRuns,
        });
    }

    /// <summary>True for a ChangeGate rule id.</summary>
    public static bool IsChangeGateRule(string? id) => id is not null && RuleIdPattern().IsMatch(id);

    private static int ReadLog(JsonElement root, string file, string repositoryRoot, List<AnalyzerFinding> findings, Dictionary<string, AnalyzerRule> rules, List<string> tools, List<SarifRun> changeGateRuns)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SarifFormatException("the file is not a SARIF log (its top level is not a JSON object)");
        }

        var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (version != SarifWriter.Version)
        {
            throw new SarifFormatException(
                version is null ? "the file is not a SARIF log (it has no \"version\")" : $"SARIF version {version} is not supported; changegate reads {SarifWriter.Version}",
                "write SARIF 2.1.0: the compiler does with -p:ErrorLog=build.sarif%2Cversion=2.1 (its default is the old 1.0 format)");
        }

        if (!root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
        {
            throw new SarifFormatException("the SARIF log has no \"runs\" array");
        }

        var suppressed = 0;
        var runIndex = 0;
        foreach (var run in runs.EnumerateArray())
        {
            var where = $"runs[{runIndex++}]";
            var driver = Object(Object(run, "tool", where), "driver", where + ".tool");
            var toolName = String(driver, "name", where + ".tool.driver") ?? throw new SarifFormatException($"{where}.tool.driver has no \"name\"");
            tools.Add(toolName);
            var isChangeGate = string.Equals(toolName, ToolName, StringComparison.OrdinalIgnoreCase);
            var runRules = new List<AnalyzerRule>();
            if (driver.TryGetProperty("rules", out var ruleArray) && ruleArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var rule in ruleArray.EnumerateArray())
                {
                    var parsed = ReadRule(rule);
                    runRules.Add(parsed);
                    if (IsChangeGateRule(parsed.Id))
                    {
                        rules.TryAdd(parsed.Id, parsed);
                        isChangeGate = true;
                    }
                }
            }

            var results = run.TryGetProperty("results", out var r) && r.ValueKind != JsonValueKind.Null ? r : default;
            if (results.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Array))
            {
                throw new SarifFormatException($"{where}.results is not an array");
            }

            isChangeGate |= results.ValueKind == JsonValueKind.Array && results.EnumerateArray().Any(result => IsChangeGateRule(RuleIdOf(result, runRules)));
            if (isChangeGate)
            {
                changeGateRuns.Add(Provenance(run, $"{DisplayPath(file, repositoryRoot)} {where}"));
            }

            if (results.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var resultIndex = 0;
            foreach (var result in results.EnumerateArray())
            {
                var at = $"{where}.results[{resultIndex++}]";
                var ruleId = String(result, "ruleId", at)
                    ?? (result.TryGetProperty("rule", out var reference) && reference.ValueKind == JsonValueKind.Object ? String(reference, "id", at + ".rule") : null)
                    ?? (result.TryGetProperty("ruleIndex", out var ruleIndex) && ruleIndex.TryGetInt32(out var i) && i >= 0 && i < runRules.Count ? runRules[i].Id : null);
                if (ruleId == AnalyzerCrashId
                    && result.TryGetProperty("message", out var crash) && String(crash, "text", at + ".message") is { } crashText
                    && crashText.Contains(AnalyzerNamespace, StringComparison.Ordinal))
                {
                    // A ChangeGate analyzer threw during the build: what it would have found is not in the log.
                    throw new SarifFormatException(
                        $"{at}: a ChangeGate analyzer crashed during the build ({AnalyzerCrashId}), so its findings are missing: {FirstLine(crashText)}",
                        "this is a bug in ChangeGate's analyzers: report it with the code that triggers it; until it is fixed the build's findings cannot be trusted");
                }

                if (!IsChangeGateRule(ruleId))
                {
                    continue;
                }

                if (String(result, "kind", at) is { } kind && kind != "fail")
                {
                    continue;
                }

                if (IsSuppressed(result))
                {
                    suppressed++;
                    continue;
                }

                var level = String(result, "level", at) ?? runRules.FirstOrDefault(r => r.Id == ruleId)?.DefaultLevel switch
                {
                    FindingLevel.Error => "error",
                    FindingLevel.Note => "note",
                    _ => "warning",
                };
                if (level == "none")
                {
                    continue;
                }

                var findingLevel = level switch
                {
                    "error" => FindingLevel.Error,
                    "warning" => FindingLevel.Warning,
                    "note" => FindingLevel.Note,
                    _ => throw new SarifFormatException($"{at}.level is '{level}'; SARIF levels are error, warning, note and none"),
                };
                var message = result.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? String(m, "text", at + ".message") ?? string.Empty : string.Empty;
                findings.Add(ReadLocation(result, at, ruleId!, findingLevel, message, run, repositoryRoot));
            }
        }

        return suppressed;
    }

    /// <summary>The tool name `changegate analyze` writes into SARIF.</summary>
    private const string ToolName = "ChangeGate";

    // Lenient: only to tell whether a run holds ChangeGate results; the results loop validates each one.
    private static string? RuleIdOf(JsonElement result, List<AnalyzerRule> runRules) =>
        result.ValueKind != JsonValueKind.Object ? null
        : result.TryGetProperty("ruleId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
        : result.TryGetProperty("rule", out var reference) && reference.ValueKind == JsonValueKind.Object && reference.TryGetProperty("id", out var rid) && rid.ValueKind == JsonValueKind.String ? rid.GetString()
        : result.TryGetProperty("ruleIndex", out var index) && index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var i) && i >= 0 && i < runRules.Count ? runRules[i].Id
        : null;

    /// <summary>What a run says it analyzed: its revision ids, the modified files and the --changed-since commit changegate analyze recorded.</summary>
    private static SarifRun Provenance(JsonElement run, string where)
    {
        var revisions = new List<string>();
        var modified = new List<string>();
        if (run.TryGetProperty("versionControlProvenance", out var provenance) && provenance.ValueKind == JsonValueKind.Array)
        {
            foreach (var details in provenance.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object))
            {
                if (details.TryGetProperty("revisionId", out var revision) && revision.ValueKind == JsonValueKind.String && revision.GetString() is { Length: > 0 } id)
                {
                    revisions.Add(id.ToLowerInvariant());
                }

                if (details.TryGetProperty("properties", out var bag) && bag.ValueKind == JsonValueKind.Object
                    && bag.TryGetProperty(SarifWriter.ModifiedFilesProperty, out var files) && files.ValueKind == JsonValueKind.Array)
                {
                    modified.AddRange(files.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!));
                }
            }
        }

        var changedSince = run.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty(SarifWriter.ChangedSinceProperty, out var since) && since.ValueKind == JsonValueKind.String
            ? since.GetString()!.ToLowerInvariant()
            : null;
        return new SarifRun(where, revisions, modified, changedSince);
    }

    private static string DisplayPath(string file, string repositoryRoot)
    {
        var relative = Path.GetRelativePath(repositoryRoot, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }

    private static AnalyzerRule ReadRule(JsonElement rule)
    {
        var id = rule.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : string.Empty;
        var title = rule.TryGetProperty("shortDescription", out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : id;
        var help = rule.TryGetProperty("helpUri", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
        var level = rule.TryGetProperty("defaultConfiguration", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String
            ? l.GetString() switch { "error" => FindingLevel.Error, "note" => FindingLevel.Note, _ => FindingLevel.Warning }
            : FindingLevel.Warning;
        var name = rule.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : id;
        return new AnalyzerRule(id, name, title, null, help, level);
    }

    // SARIF: a result is suppressed when it has a suppression whose status is not "rejected".
    private static bool IsSuppressed(JsonElement result) =>
        result.TryGetProperty("suppressions", out var suppressions)
        && suppressions.ValueKind == JsonValueKind.Array
        && suppressions.EnumerateArray().Any(s => !(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() == "rejected"));

    private static AnalyzerFinding ReadLocation(JsonElement result, string at, string ruleId, FindingLevel level, string message, JsonElement run, string repositoryRoot)
    {
        if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array || locations.GetArrayLength() == 0
            || !locations[0].TryGetProperty("physicalLocation", out var physical) || physical.ValueKind != JsonValueKind.Object)
        {
            // A finding without a place still counts; it is shown against the repository.
            return new AnalyzerFinding(ruleId, level, message, ".", 1, 1, 1, 1);
        }

        var artifact = Object(physical, "artifactLocation", at + ".locations[0].physicalLocation");
        var uri = String(artifact, "uri", at + ".locations[0].physicalLocation.artifactLocation") ?? throw new SarifFormatException($"{at}: the location has no artifact URI");
        var path = ToRepositoryPath(uri, String(artifact, "uriBaseId", at), run, repositoryRoot);
        var line = 1;
        var column = 1;
        int? endLine = null;
        int? endColumn = null;
        if (physical.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.Object)
        {
            line = Int(region, "startLine") ?? 1;
            column = Int(region, "startColumn") ?? 1;
            endLine = Int(region, "endLine");
            endColumn = Int(region, "endColumn");
        }

        return new AnalyzerFinding(ruleId, level, message, path, line, column, endLine ?? line, endColumn ?? column);
    }

    /// <summary>A result URI as a path relative to the repository root where it can be; else as written.</summary>
    private static string ToRepositoryPath(string uri, string? baseId, JsonElement run, string repositoryRoot)
    {
        string? absolute = null;
        if (Uri.TryCreate(uri, UriKind.Absolute, out var full) && full.IsFile)
        {
            absolute = full.LocalPath;
        }
        else if (baseId is not null
            && run.TryGetProperty("originalUriBaseIds", out var bases) && bases.ValueKind == JsonValueKind.Object
            && bases.TryGetProperty(baseId, out var b) && b.ValueKind == JsonValueKind.Object
            && b.TryGetProperty("uri", out var baseUri) && baseUri.ValueKind == JsonValueKind.String
            && Uri.TryCreate(baseUri.GetString(), UriKind.Absolute, out var root) && root.IsFile
            && Uri.TryCreate(root, uri, out var combined))
        {
            absolute = combined.LocalPath;
        }

        if (absolute is null)
        {
            return Uri.UnescapeDataString(uri);
        }

        var relative = Path.GetRelativePath(repositoryRoot, absolute);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? absolute
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static JsonElement Object(JsonElement parent, string name, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new SarifFormatException($"{where} has no \"{name}\" object");

    private static string? String(JsonElement parent, string name, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new SarifFormatException($"{where}.{name} is not a string");
    }

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0 ? n : null;

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    [GeneratedRegex("^CG[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdPattern();

    private sealed class SarifFormatException(string message, string? fix = null) : Exception(message)
    {
        public string Fix { get; } = fix ?? "pass the SARIF 2.1.0 file exactly as the build or `changegate analyze --format sarif --output FILE` wrote it";
    }
}
