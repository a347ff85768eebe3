using System.Text;
using System.Text.Json;

namespace ChangeGate.Core.Analysis.Sarif;

/// <summary>
/// Writes an <see cref="AnalysisReport"/> as SARIF 2.1.0 in the shape GitHub code scanning ingests:
/// rules with help URIs; results with ruleId, level, message and a location whose URI is relative to
/// the repository root under the <c>%SRCROOT%</c> base, with a 1-based region. Always a complete
/// log, also when there is no finding. When the report knows what it analyzed, the run names the
/// commit in <c>versionControlProvenance[0].revisionId</c> (with the working tree's modified files and
/// the --changed-since commit in property bags), which <c>changegate gate --sarif</c> requires.
/// </summary>
public static class SarifWriter
{
    /// <summary>The URI base id that finding paths are relative to.</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>The run property that names the commit an analysis limited to changed documents started from.</summary>
    public const string ChangedSinceProperty = "changedSince";

    /// <summary>The provenance property that lists files modified in the working tree when the analysis ran.</summary>
    public const string ModifiedFilesProperty = "modifiedFiles";

    /// <summary>The SARIF version written.</summary>
    public const string Version = "2.1.0";

    /// <summary>The schema written into the log.</summary>
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The SARIF text of <paramref name="report"/> (indented, ends with a newline).</summary>
    /// <param name="report">The findings.</param>
    /// <param name="informationUri">Where the tool is documented.</param>
    public static string Write(AnalysisReport report, string informationUri = "https://github.com/changegate/changegate")
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("version", Version);
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, report, informationUri);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRoot);
            json.WriteString("uri", DirectoryUri(report.Root));
            json.WriteEndObject();
            json.WriteEndObject();
            WriteProvenance(json, report);
            WriteResults(json, report);
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartObject("properties");
            json.WriteNumber("documentsAnalyzed", report.DocumentsAnalyzed);
            json.WriteNumber("suppressedInSource", report.SuppressedInSource);
            if (report.Revision?.ChangedSince is { } since)
            {
                json.WriteString(ChangedSinceProperty, since);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>SARIF's name for a level.</summary>
    public static string LevelName(FindingLevel level) => level switch
    {
        FindingLevel.Error => "error",
        FindingLevel.Warning => "warning",
        _ => "note",
    };

    /// <summary>A repository-relative path as a relative URI reference: each segment percent-encoded, '/' kept.</summary>
    public static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static void WriteTool(Utf8JsonWriter json, AnalysisReport report, string informationUri)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", report.Tool);
        json.WriteString("version", report.ToolVersion);
        json.WriteString("semanticVersion", report.ToolVersion.Split('+')[0]);
        json.WriteString("informationUri", informationUri);
        json.WriteStartArray("rules");
        foreach (var rule in report.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            if (!string.IsNullOrWhiteSpace(rule.Description))
            {
                json.WriteStartObject("fullDescription");
                json.WriteString("text", rule.Description);
                json.WriteEndObject();
            }

            if (rule.HelpUri is not null)
            {
                json.WriteString("helpUri", rule.HelpUri);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", LevelName(rule.DefaultLevel));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteProvenance(Utf8JsonWriter json, AnalysisReport report)
    {
        if (report.Revision is not { } revision)
        {
            return;
        }

        json.WriteStartArray("versionControlProvenance");
        json.WriteStartObject();
        json.WriteString("repositoryUri", DirectoryUri(report.Root));
        json.WriteString("revisionId", revision.Commit);
        json.WriteStartObject("mappedTo");
        json.WriteString("uriBaseId", SourceRoot);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray(ModifiedFilesProperty);
        foreach (var file in revision.ModifiedFiles)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResults(Utf8JsonWriter json, AnalysisReport report)
    {
        var ruleIndex = report.Rules.Select((rule, index) => (rule.Id, index)).ToDictionary(r => r.Id, r => r.index, StringComparer.Ordinal);
        json.WriteStartArray("results");
        foreach (var finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            if (ruleIndex.TryGetValue(finding.RuleId, out var index))
            {
                json.WriteNumber("ruleIndex", index);
            }

            json.WriteString("level", LevelName(finding.Level));
            json.WriteStartObject("message");
            json.WriteString("text", finding.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", RelativeUri(finding.Path));
            json.WriteString("uriBaseId", SourceRoot);
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", finding.Line);
            json.WriteNumber("startColumn", finding.Column);
            json.WriteNumber("endLine", finding.EndLine);
            json.WriteNumber("endColumn", finding.EndColumn);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The root directory as an absolute file URI ending with '/', as SARIF requires for a base.</summary>
    private static string DirectoryUri(string root)
    {
        var full = Path.GetFullPath(root);
        if (!Path.EndsInDirectorySeparator(full))
        {
            full += Path.DirectorySeparatorChar;
        }

        return new Uri(full).AbsoluteUri;
    }
}
