using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Evidence.Results;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>
/// Writes an <see cref="EvidenceRecord"/> as one line of JSON in canonical form, and reads it
/// back strictly. The format is documented in docs/evidence.md.
/// </summary>
public static class EvidenceLineFormat
{
    /// <summary>The value of the "type" member that marks a line as ChangeGate evidence.</summary>
    public const string TypeName = "changegate.evidence";

    /// <summary>The member that holds the signature; the canonical form for signing leaves it out.</summary>
    internal const string SignatureMember = "signature";

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>The record as one line of canonical JSON (no line break), signature included when present.</summary>
    public static string Write(EvidenceRecord record)
    {
        using var document = JsonDocument.Parse(ToJson(record, includeSignature: true).ToJsonString());
        return CanonicalJson.ToText(document.RootElement);
    }

    /// <summary>The bytes a signature covers: the canonical form of the record without its signature.</summary>
    internal static byte[] SignedBytes(EvidenceRecord record)
    {
        using var document = JsonDocument.Parse(ToJson(record, includeSignature: false).ToJsonString());
        return CanonicalJson.ToUtf8(document.RootElement);
    }

    /// <summary>
    /// The record's digest: lower-case hex SHA-256 of its canonical form without the signature (the
    /// bytes the signature covers). The chain (<see cref="EvidenceRecord.Previous"/>) and the
    /// ledger's anchors name records by it.
    /// </summary>
    public static string Digest(EvidenceRecord record) => Convert.ToHexStringLower(SHA256.HashData(SignedBytes(record)));

    /// <summary>The digest of a stored line, computed from the line itself; null when it has no canonical form.</summary>
    public static string? Digest(string line)
    {
        using var document = TryParse(line);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.ToUtf8(document.RootElement, SignatureMember)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="line"/> is a record of the legacy format (version 1, HMAC-signed).</summary>
    public static bool IsLegacy(string line)
    {
        using var document = TryParse(line);
        return document is { RootElement.ValueKind: JsonValueKind.Object } d
            && d.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == TypeName
            && d.RootElement.TryGetProperty("v", out var version) && version.ValueKind == JsonValueKind.Number
            && version.TryGetInt32(out var v) && v == EvidenceRecord.LegacyFormatVersion;
    }

    /// <summary>Reads one line; a line that is not a valid record gives an error saying what is wrong with it.</summary>
    public static EvidenceResult<EvidenceRecord> Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line, ParseOptions);
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            return Invalid($"it is not valid JSON ({e.Message})");
        }
        catch (LineFormatException e)
        {
            return Invalid(e.Message);
        }
    }

    /// <summary>Parses <paramref name="line"/> for signature checking; null when it is not JSON.</summary>
    internal static JsonDocument? TryParse(string line)
    {
        try
        {
            return JsonDocument.Parse(line, ParseOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static EvidenceError Invalid(string reason) =>
        new(
            $"Evidence line is not a valid record: {reason}.",
            "Evidence notes are written by `changegate evidence record`; do not edit them by hand. Remove the broken line (git notes --ref=changegate edit <commit>) and record the evidence again.");

    private static JsonObject ToJson(EvidenceRecord record, bool includeSignature)
    {
        var tools = new JsonObject();
        foreach (var (name, version) in record.Tools.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            tools[name] = version;
        }

        var json = new JsonObject
        {
            ["type"] = TypeName,
            ["v"] = EvidenceRecord.FormatVersion,
            ["id"] = record.Id,
            ["commit"] = record.Commit,
            ["tree"] = record.Tree,
            ["recordedAt"] = record.RecordedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["recordedBy"] = record.RecordedBy,
            ["prev"] = record.Previous,
            ["workingTree"] = new JsonObject
            {
                ["clean"] = record.WorkingTree.Clean,
                ["head"] = record.WorkingTree.Head,
                ["changeCount"] = record.WorkingTree.ChangeCount,
                ["changes"] = new JsonArray([.. record.WorkingTree.Changes.Select(c => (JsonNode?)JsonValue.Create(c))]),
            },
            ["tools"] = tools,
            ["files"] = new JsonArray([.. record.Files.Select(FileToJson)]),
        };
        if (record.Job is not null)
        {
            json["job"] = record.Job;
        }

        if (includeSignature && record.Signature is { } signature)
        {
            json[SignatureMember] = new JsonObject
            {
                ["alg"] = signature.Algorithm,
                ["keyId"] = signature.KeyId,
                ["value"] = signature.Value,
            };
        }

        return json;
    }

    private static JsonNode FileToJson(TestResultFile file) => new JsonObject
    {
        ["path"] = file.Path,
        ["format"] = file.Format == TestResultFormat.Trx ? "trx" : "junit",
        ["sha256"] = file.Sha256,
        ["started"] = (file.Started ?? throw new ArgumentException($"The result file {file.Path} has no run start; read it with TestResultReader.", nameof(file))).At.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture),
        ["startedFrom"] = file.Started.SourceName,
        ["runErrors"] = new JsonArray([.. file.RunErrors.Select(e => (JsonNode?)JsonValue.Create(e))]),
        ["suites"] = new JsonArray([.. file.Suites.Select(SuiteToJson)]),
    };

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static JsonNode SuiteToJson(TestSuiteSummary suite)
    {
        var json = new JsonObject
        {
            ["name"] = suite.Name,
            ["passed"] = suite.Passed,
            ["failed"] = suite.Failed,
            ["skipped"] = suite.Skipped,
            ["durationMs"] = (long)Math.Round(suite.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero),
        };
        if (suite.Source is not null)
        {
            json["source"] = suite.Source;
        }

        return json;
    }

    private static EvidenceRecord FromJson(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "the line");
        if (String(root, "type") != TypeName)
        {
            throw new LineFormatException($"its type is not \"{TypeName}\"");
        }

        var version = Int(root, "v");
        if (version == EvidenceRecord.LegacyFormatVersion)
        {
            throw new LineFormatException("it was written by an older changegate (format version 1, signed with a shared HMAC secret that every verifier held, so anyone who could verify could forge it); it cannot be trusted");
        }

        if (version != EvidenceRecord.FormatVersion)
        {
            throw new LineFormatException($"it has format version {version}, and this changegate reads version {EvidenceRecord.FormatVersion} (upgrade changegate)");
        }

        if (!root.TryGetProperty("prev", out var previous) || previous.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
        {
            throw new LineFormatException("member \"prev\" must be the previous record's digest or null");
        }

        if (previous.ValueKind == JsonValueKind.String && !IsDigest(previous.GetString()!))
        {
            throw new LineFormatException("member \"prev\" is not a SHA-256 digest (64 lower-case hex digits)");
        }

        var workingTree = Member(root, "workingTree", JsonValueKind.Object);
        var toolsElement = Member(root, "tools", JsonValueKind.Object);
        var tools = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tool in toolsElement.EnumerateObject())
        {
            Expect(tool.Value, JsonValueKind.String, $"tools.{tool.Name}");
            tools[tool.Name] = tool.Value.GetString()!;
        }

        return new EvidenceRecord
        {
            Id = String(root, "id"),
            Commit = Sha(root, "commit"),
            Tree = Sha(root, "tree"),
            RecordedAt = Timestamp(root, "recordedAt"),
            RecordedBy = String(root, "recordedBy"),
            Previous = previous.ValueKind == JsonValueKind.String ? previous.GetString() : null,
            Job = OptionalString(root, "job"),
            WorkingTree = new WorkingTreeState(
                Bool(workingTree, "clean"),
                OptionalString(workingTree, "head"),
                Int(workingTree, "changeCount"),
                Strings(workingTree, "changes")),
            Tools = tools,
            Files = [.. Member(root, "files", JsonValueKind.Array).EnumerateArray().Select(FileFromJson)],
            Signature = root.TryGetProperty(SignatureMember, out var signature) ? SignatureFromJson(signature) : null,
        };
    }

    private static TestResultFile FileFromJson(JsonElement file)
    {
        Expect(file, JsonValueKind.Object, "a file");
        var format = String(file, "format") switch
        {
            "trx" => TestResultFormat.Trx,
            "junit" => TestResultFormat.JUnit,
            var other => throw new LineFormatException($"file format \"{other}\" is neither \"trx\" nor \"junit\""),
        };
        var source = RunStart.ParseSource(String(file, "startedFrom"))
            ?? throw new LineFormatException("member \"startedFrom\" is not reported, reported-no-zone or file-time");
        return new TestResultFile(
            String(file, "path"),
            format,
            String(file, "sha256"),
            [.. Member(file, "suites", JsonValueKind.Array).EnumerateArray().Select(SuiteFromJson)],
            Strings(file, "runErrors"))
        {
            Started = new RunStart(Timestamp(file, "started"), source),
        };
    }

    private static TestSuiteSummary SuiteFromJson(JsonElement suite)
    {
        Expect(suite, JsonValueKind.Object, "a suite");
        return new TestSuiteSummary(
            String(suite, "name"),
            OptionalString(suite, "source"),
            Count(suite, "passed"),
            Count(suite, "failed"),
            Count(suite, "skipped"),
            TimeSpan.FromMilliseconds(Milliseconds(suite, "durationMs")));
    }

    private static EvidenceSignature SignatureFromJson(JsonElement signature)
    {
        Expect(signature, JsonValueKind.Object, SignatureMember);
        return new EvidenceSignature(String(signature, "alg"), String(signature, "keyId"), String(signature, "value"));
    }

    private static JsonElement Member(JsonElement owner, string name, JsonValueKind kind)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            throw new LineFormatException($"member \"{name}\" is missing");
        }

        Expect(value, kind, name);
        return value;
    }

    private static void Expect(JsonElement value, JsonValueKind kind, string what)
    {
        if (value.ValueKind != kind)
        {
            throw new LineFormatException($"{what} is {value.ValueKind.ToString().ToLowerInvariant()}, not {kind.ToString().ToLowerInvariant()}");
        }
    }

    private static string String(JsonElement owner, string name) => Member(owner, name, JsonValueKind.String).GetString()!;

    private static string? OptionalString(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(owner, name) : null;

    private static bool Bool(JsonElement owner, string name)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new LineFormatException($"member \"{name}\" must be true or false");
        }

        return value.GetBoolean();
    }

    private static int Int(JsonElement owner, string name) =>
        Member(owner, name, JsonValueKind.Number).TryGetInt32(out var number)
            ? number
            : throw new LineFormatException($"member \"{name}\" is not a whole number");

    private static int Count(JsonElement owner, string name)
    {
        var count = Int(owner, name);
        return count >= 0 ? count : throw new LineFormatException($"member \"{name}\" is negative");
    }

    private static long Milliseconds(JsonElement owner, string name) =>
        Member(owner, name, JsonValueKind.Number).TryGetInt64(out var number) && number >= 0 && number <= (long)TimeSpan.MaxValue.TotalMilliseconds
            ? number
            : throw new LineFormatException($"member \"{name}\" is not a whole number of milliseconds");

    private static bool IsDigest(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    private static string Sha(JsonElement owner, string name)
    {
        var sha = String(owner, name);
        return sha.Length == 40 && sha.All(char.IsAsciiHexDigitLower)
            ? sha
            : throw new LineFormatException($"member \"{name}\" is not a full lower-case commit SHA");
    }

    private static DateTimeOffset Timestamp(JsonElement owner, string name)
    {
        var text = String(owner, name);
        return DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new LineFormatException($"member \"{name}\" is not a UTC time like 2026-05-21T09:30:00.000Z");
    }

    private static IReadOnlyList<string> Strings(JsonElement owner, string name) =>
        [.. Member(owner, name, JsonValueKind.Array).EnumerateArray().Select(item =>
        {
            Expect(item, JsonValueKind.String, $"an item of {name}");
            return item.GetString()!;
        })];

    /// <summary>Carries a reason out of the parsing helpers; caught in <see cref="Read"/>.</summary>
    private sealed class LineFormatException(string message) : Exception(message);
}
