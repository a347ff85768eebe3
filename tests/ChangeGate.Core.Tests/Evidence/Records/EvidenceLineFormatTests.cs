using System.Text.Json;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;

namespace ChangeGate.Core.Tests.Evidence.Records;

public sealed class EvidenceLineFormatTests
{
    internal static EvidenceRecord Sample(string? job = "linux-unit", int failed = 0) => new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        Commit = new string('a', 40),
        Tree = new string('b', 40),
        RecordedAt = new DateTimeOffset(2026, 5, 21, 0, 30, 15, 123, TimeSpan.Zero),
        RecordedBy = "ci@kakao.example",
        Job = job,
        WorkingTree = new WorkingTreeState(true, new string('a', 40), 0, []),
        Tools = new Dictionary<string, string> { ["zeta"] = "1", ["changegate"] = "0.1.0" },
        Files =
        [
            new TestResultFile(
                "artifacts/test-results/unit.trx",
                TestResultFormat.Trx,
                new string('c', 64),
                [new TestSuiteSummary("Deploy.Tests", "/b/Deploy.Tests.dll", 41, failed, 2, TimeSpan.FromMilliseconds(1234.4))],
                [])
            {
                Started = new RunStart(new DateTimeOffset(2026, 5, 21, 0, 29, 1, 500, TimeSpan.Zero), RunStartSource.Reported),
            },
        ],
    };

    [Fact]
    public void A_record_is_one_canonical_line_that_reads_back_the_same()
    {
        var record = Sample();

        var line = EvidenceLineFormat.Write(record);
        var read = EvidenceLineFormat.Read(line);

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("{\"commit\":\"aaaa", line);
        Assert.Contains("\"tools\":{\"changegate\":\"0.1.0\",\"zeta\":\"1\"}", line);
        Assert.Contains("\"recordedAt\":\"2026-05-21T00:30:15.123Z\"", line);
        Assert.Contains("\"prev\":null", line);
        Assert.Contains("\"started\":\"2026-05-21T00:29:01.500Z\",\"startedFrom\":\"reported\"", line);
        Assert.Contains("\"v\":2", line);
        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(line, EvidenceLineFormat.Write(read.Value));
        var suite = Assert.Single(Assert.Single(read.Value.Files).Suites);
        Assert.Equal(("Deploy.Tests", 41, 0, 2, TimeSpan.FromMilliseconds(1234)), (suite.Name, suite.Passed, suite.Failed, suite.Skipped, suite.Duration));
    }

    [Fact]
    public void Optional_members_are_left_out_and_read_back_as_null()
    {
        var line = EvidenceLineFormat.Write(Sample(job: null));

        Assert.DoesNotContain("\"job\"", line);
        Assert.Null(EvidenceLineFormat.Read(line).Value!.Job);
    }

    [Fact]
    public void The_previous_record_is_written_and_read_back()
    {
        var previous = new string('d', 64);
        var line = EvidenceLineFormat.Write(Sample() with { Previous = previous });

        Assert.Contains($"\"prev\":\"{previous}\"", line);
        Assert.Equal(previous, EvidenceLineFormat.Read(line).Value!.Previous);
        Assert.False(EvidenceLineFormat.Read(line.Replace(previous, "dddd", StringComparison.Ordinal)).Succeeded);
    }

    [Fact]
    public void The_digest_is_the_sha256_of_the_canonical_form_without_the_signature()
    {
        var record = Sample();
        var signed = EvidenceSigner.Sign(record, TestSupport.TestKeys.Ci);
        var line = EvidenceLineFormat.Write(signed);
        var pretty = System.Text.Json.Nodes.JsonNode.Parse(line)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(EvidenceLineFormat.Write(record))));
        Assert.Equal(expected, EvidenceLineFormat.Digest(record));
        Assert.Equal(expected, EvidenceLineFormat.Digest(signed));
        Assert.Equal(expected, EvidenceLineFormat.Digest(line));
        Assert.Equal(expected, EvidenceLineFormat.Digest(pretty));
        Assert.NotEqual(expected, EvidenceLineFormat.Digest(line.Replace("\"passed\":41", "\"passed\":40", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_legacy_hmac_record_is_recognised_and_never_read_as_evidence()
    {
        // A line as changegate 0.1 wrote it (format 1, HMAC-SHA256 signature).
        const string Legacy = """{"commit":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","files":[],"id":"0123456789abcdef0123456789abcdef","recordedAt":"2026-05-21T00:30:15.123Z","recordedBy":"ci@kakao.example","signature":{"alg":"HMAC-SHA256","keyId":"0011223344556677","value":"00"},"tools":{},"tree":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","type":"changegate.evidence","v":1,"workingTree":{"changeCount":0,"changes":[],"clean":true,"head":null}}""";

        var read = EvidenceLineFormat.Read(Legacy);

        Assert.True(EvidenceLineFormat.IsLegacy(Legacy));
        Assert.False(EvidenceLineFormat.IsLegacy(EvidenceLineFormat.Write(Sample())));
        Assert.False(read.Succeeded);
        Assert.Contains("older changegate", read.Error.Message);
        Assert.Contains("anyone who could verify could forge it", read.Error.Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "the line is array")]
    [InlineData("{\"type\":\"something.else\",\"v\":2}", "type is not")]
    [InlineData("{\"type\":\"changegate.evidence\",\"v\":3}", "format version 3")]
    [InlineData("{\"type\":\"changegate.evidence\",\"v\":2}", "\"prev\" must be")]
    [InlineData("{\"type\":\"changegate.evidence\",\"v\":2,\"prev\":null}", "\"workingTree\" is missing")]
    public void A_broken_line_says_what_is_wrong(string line, string expected)
    {
        var read = EvidenceLineFormat.Read(line);

        Assert.False(read.Succeeded);
        Assert.Contains(expected, read.Error.Message);
        Assert.Contains("changegate evidence record", read.Error.Fix);
    }

    [Fact]
    public void A_negative_count_or_a_short_sha_is_rejected()
    {
        var line = EvidenceLineFormat.Write(Sample());

        Assert.False(EvidenceLineFormat.Read(line.Replace("\"passed\":41", "\"passed\":-1", StringComparison.Ordinal)).Succeeded);
        Assert.False(EvidenceLineFormat.Read(line.Replace(new string('a', 40), "aaaa", StringComparison.Ordinal)).Succeeded);
    }

    [Fact]
    public void Canonical_form_sorts_members_escapes_minimally_and_drops_whitespace()
    {
        using var document = JsonDocument.Parse("{ \"b\" : [ 1 , true , null ], \"a\" : \"x\\u00e9\\\"\\n\\u0001/\", \"B\": {} }");

        var text = CanonicalJson.ToText(document.RootElement);

        Assert.Equal("{\"B\":{},\"a\":\"xé\\\"\\n\\u0001/\",\"b\":[1,true,null]}", text);
    }

    [Theory]
    [InlineData("{\"a\":1.5}")]
    [InlineData("{\"a\":1e3}")]
    [InlineData("{\"a\":-0}")]
    [InlineData("{\"a\":1,\"a\":2}")]
    public void Values_without_a_canonical_form_are_rejected(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Throws<FormatException>(() => CanonicalJson.ToText(document.RootElement));
    }
}
