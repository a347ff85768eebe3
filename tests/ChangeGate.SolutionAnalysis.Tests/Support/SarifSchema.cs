using NJsonSchema;

namespace ChangeGate.SolutionAnalysis.Tests.Support;

/// <summary>Validates SARIF text against the SARIF 2.1.0 JSON schema (Fixtures/README.md says where it comes from).</summary>
internal static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sarif-schema-2.1.0.json"))).GetAwaiter().GetResult());

    /// <summary>The schema violations of <paramref name="sarif"/>, as "path: kind" lines; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string sarif) =>
        [.. Schema.Value.Validate(sarif).Select(e => $"{e.Path}: {e.Kind}")];
}
