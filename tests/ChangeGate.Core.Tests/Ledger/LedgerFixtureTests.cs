using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Ledger;

/// <summary>
/// A ledger written by an earlier changegate (Ledger/Fixtures/ledger-c4f228b.bundle: main@c4f228b,
/// reflection-based JSON, every event type, text that JSON escapes) must still read and verify, and
/// today's source-generated serializer must write every event and snapshot back byte for byte:
/// state.json is compared with the fold, so a serializer that orders or escapes differently would
/// break every ledger already written.
/// </summary>
public sealed class LedgerFixtureTests : IDisposable
{
    private const string Service = "talk-message";
    private const string FixtureTip = "5b0046866f1aea2b7c44922d277d535c4ae8f9ec";
    private readonly TemporaryGitRepository _repo = TemporaryGitRepository.Create();

    public LedgerFixtureTests()
    {
        var bundle = Path.Combine(AppContext.BaseDirectory, "Ledger", "Fixtures", "ledger-c4f228b.bundle");
        GitCli.Run(_repo.Path, "fetch", "--quiet", bundle, "+refs/changegate/*:refs/changegate/*", "+refs/notes/*:refs/notes/*", "+refs/heads/main:refs/heads/fixture");
    }

    public static TheoryData<string> Files => new() { "event.json", "state.json" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_file_of_the_old_ledger_is_written_back_byte_for_byte(string file)
    {
        var commits = Chain();
        Assert.Equal(29, commits.Count);
        foreach (var commit in commits)
        {
            var stored = Text(commit, file);
            var where = $"ledger commit {commit.Sha[..12]} {file}";
            var rewritten = file == "event.json"
                ? LedgerJson.Serialize(LedgerJson.DeserializeEvent(stored, where))
                : LedgerJson.Serialize(LedgerJson.DeserializeState(stored, where));
            Assert.True(stored == rewritten, $"{where} changed when written back:\n--- stored\n{stored}\n--- written\n{rewritten}");
        }
    }

    [Fact]
    public void The_fixture_holds_every_event_type_and_text_that_json_escapes()
    {
        var kinds = Chain().Select(c => LedgerJson.DeserializeEvent(Text(c, "event.json"), c.Sha).Kind).ToHashSet();
        var declared = typeof(LedgerEvent).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
            .Cast<JsonDerivedTypeAttribute>().Select(a => (string)a.TypeDiscriminator!).ToHashSet();
        Assert.Equal(declared.Order(), kinds.Order());
        var state = Text(Chain()[0], "state.json");
        Assert.Contains("\\u003Cv1.4.2\\u003E \\u0026 \\u0027hotfix\\u0027 \\u002B \\u0022quotes\\u0022 \\\\ back \\u2014 \\uD55C\\uAD6D\\uC5B4", state, StringComparison.Ordinal);
    }

    [Fact]
    public void The_old_ledger_reads_and_verifies_as_a_whole_chain_and_at_its_tip()
    {
        using var ledger = SharedLedger.Open(_repo.Path, Service, remote: null, TimeProvider.System).Value;
        var head = ledger.Read();
        Assert.True(head.IsSuccess, string.Join("\n", head.Problems));
        Assert.Equal(FixtureTip, head.Value.Tip?.Sha);
        Assert.Equal(29, head.Value.State.Sequence);

        var history = ledger.History();
        Assert.True(history.IsSuccess, string.Join("\n", history.Problems));
        Assert.Equal(29, history.Value.Count);
    }

    [Fact]
    public void The_generated_serializer_agrees_with_the_reflection_serializer_of_earlier_versions()
    {
        // The options of main@c4f228b's LedgerJson, resolved by reflection: allowed here, in a test.
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        foreach (var commit in Chain())
        {
            var e = LedgerJson.DeserializeEvent(Text(commit, "event.json"), commit.Sha);
            var state = LedgerJson.DeserializeState(Text(commit, "state.json"), commit.Sha);
            Assert.Equal(JsonSerializer.Serialize(e, reflection), LedgerJson.Serialize(e));
            Assert.Equal(JsonSerializer.Serialize(state, reflection), LedgerJson.Serialize(state));
        }
    }

    [Fact]
    public void Lists_an_older_changegate_did_not_write_read_as_empty_as_the_reflection_serializer_read_them()
    {
        // The generated contract sets every init property, passing null for a missing field; the reflection
        // serializer left the property's initializer ([]) in place. Both must read these files alike.
        const string promoted = """
            {"type":"stage-promoted","rolloutId":"R-1","fromStage":"canary","toStage":"pangyo","id":"8f7c2d36-3c8e-4a53-9d1b-6c1c0ad1e001","actor":"rm@kakao.com","at":"2026-05-20T10:00:00+09:00","reason":null}
            """;
        const string state = """
            {"format":1,"sequence":2,"lastEventId":null,"rolloutCount":1,"incidentCount":0,"overrideCount":0,
             "rollout":{"id":"R-1","commit":"c4f228b","commitAuthorEmail":"dev@kakao.com","commitAuthorName":"Dev","stages":[],"rollbackPlan":null,"stageIndex":0,"status":"running","statusReason":null,"startedBy":"rm@kakao.com","startedAt":"2026-05-20T10:00:00+09:00","stageEnteredAt":"2026-05-20T10:00:00+09:00"},
             "lastCompleted":null,"emergencyFreeze":null,"freezeCount":0}
            """;

        var e = Assert.IsType<StagePromoted>(LedgerJson.DeserializeEvent(promoted, "old event"));
        var read = LedgerJson.DeserializeState(state, "old snapshot");

        Assert.Empty(e.OverridesUsed);
        Assert.Empty(read.Rollout!.Deploys);
        Assert.Empty(read.Rollout.Approvals);
        Assert.Empty(read.Rollout.Rollbacks);
        Assert.Empty(read.OpenIncidents);
        Assert.Empty(read.Overrides);
        Assert.Empty(read.Fleet);
        Assert.Empty(read.FailoverTests);
        var reflection = ReflectionOptions();
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<LedgerEvent>(promoted, reflection), reflection), LedgerJson.Serialize(e));
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<LedgerState>(state, reflection), reflection), LedgerJson.Serialize(read));
    }

    // The options of main@c4f228b's LedgerJson, resolved by reflection: allowed here, in a test.
    private static JsonSerializerOptions ReflectionOptions() => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public void Dispose() => _repo.Dispose();

    private List<Commit> Chain()
    {
        var commits = new List<Commit>();
        for (var commit = _repo.Repository.Lookup<Commit>(FixtureTip); commit is not null; commit = commit.Parents.SingleOrDefault())
        {
            commits.Add(commit);
        }

        return commits;
    }

    private static string Text(Commit commit, string file)
    {
        using var stream = ((Blob)commit[file].Target).GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.ToArray());
    }
}
