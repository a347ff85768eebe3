using System.Text.Json.Serialization;

namespace ChangeGate.Core.Evidence.Attestation;

/// <summary>
/// An in-toto Statement v1 (in-toto/attestation spec/v1/statement.md) holding the test-result
/// predicate v0.1 (spec/predicates/test-result.md). Member names are the published ones.
/// </summary>
public sealed class InTotoStatement
{
    /// <summary>The statement type: always <see cref="StatementType"/>.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>The test-result predicate type.</summary>
    public const string TestResultPredicateType = "https://in-toto.io/attestation/test-result/v0.1";

    /// <summary><c>_type</c>.</summary>
    [JsonPropertyName("_type")]
    public string? Type { get; set; }

    /// <summary><c>subject</c>: the tested commit, by its <c>gitCommit</c> and <c>gitTree</c> digests.</summary>
    [JsonPropertyName("subject")]
    public List<ResourceDescriptor>? Subject { get; set; }

    /// <summary><c>predicateType</c>.</summary>
    [JsonPropertyName("predicateType")]
    public string? PredicateType { get; set; }

    /// <summary><c>predicate</c>.</summary>
    [JsonPropertyName("predicate")]
    public TestResultPredicate? Predicate { get; set; }
}

/// <summary>An in-toto ResourceDescriptor (spec/v1/resource_descriptor.md), the members ChangeGate uses.</summary>
public sealed class ResourceDescriptor
{
    /// <summary><c>name</c>.</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    /// <summary><c>uri</c>.</summary>
    [JsonPropertyName("uri")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uri { get; set; }

    /// <summary><c>digest</c>: algorithm to lower-case hex value (sha256, gitCommit, gitTree).</summary>
    [JsonPropertyName("digest")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Digest { get; set; }

    /// <summary><c>annotations</c>.</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>The test-result predicate v0.1.</summary>
public sealed class TestResultPredicate
{
    /// <summary><c>result</c>: PASSED, WARNED or FAILED.</summary>
    [JsonPropertyName("result")]
    public string? Result { get; set; }

    /// <summary><c>configuration</c>: the evidence records and result files the result comes from.</summary>
    [JsonPropertyName("configuration")]
    public List<ResourceDescriptor>? Configuration { get; set; }

    /// <summary><c>url</c>: the CI run, when known.</summary>
    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; set; }

    /// <summary><c>passedTests</c>: test suites (<c>path#suite</c>) in which every test that ran passed and none was skipped.</summary>
    [JsonPropertyName("passedTests")]
    public List<string>? PassedTests { get; set; }

    /// <summary><c>warnedTests</c>: suites without failures in which tests were skipped or none ran.</summary>
    [JsonPropertyName("warnedTests")]
    public List<string>? WarnedTests { get; set; }

    /// <summary><c>failedTests</c>: suites with a failed test, and result files whose run reported errors.</summary>
    [JsonPropertyName("failedTests")]
    public List<string>? FailedTests { get; set; }
}

/// <summary>Source-generated JSON for in-toto statements (no reflection: the CLI is published Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(InTotoStatement))]
internal sealed partial class InTotoJsonContext : JsonSerializerContext;
