using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Evidence.Records;

namespace ChangeGate.Core.Tests.Evidence.Records;

public sealed class EvidenceSignerTests
{
    private static readonly SigningKey Key = SigningKey.FromSecret("an-ops-team-secret-of-some-length").Value!;
    private static readonly SigningKey OtherKey = SigningKey.FromSecret("another-teams-secret-of-some-length").Value!;

    [Fact]
    public void A_signed_line_verifies_with_its_key()
    {
        var line = EvidenceLineFormat.Write(EvidenceSigner.Sign(EvidenceLineFormatTests.Sample(), Key));

        Assert.Equal((SignatureStatus.Valid, null), EvidenceSigner.Check(line, Key));
        Assert.Contains($"\"keyId\":\"{Key.KeyId}\"", line);
    }

    [Fact]
    public void The_signature_covers_the_canonical_form_so_reformatting_keeps_it_valid()
    {
        var line = EvidenceLineFormat.Write(EvidenceSigner.Sign(EvidenceLineFormatTests.Sample(), Key));
        var pretty = JsonNode.Parse(line)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        Assert.Equal(SignatureStatus.Valid, EvidenceSigner.Check(pretty, Key).Status);
    }

    [Theory]
    [InlineData("\"failed\":0", "\"failed\":3")]
    [InlineData("\"clean\":true", "\"clean\":false")]
    [InlineData("\"recordedBy\":\"ci@kakao.example\"", "\"recordedBy\":\"mallory@example\"")]
    [InlineData("\"durationMs\":1234", "\"durationMs\":1234,\"note\":\"added by hand\"")]
    public void Any_edit_invalidates_the_signature(string original, string replacement)
    {
        var line = EvidenceLineFormat.Write(EvidenceSigner.Sign(EvidenceLineFormatTests.Sample(), Key));
        Assert.Contains(original, line);

        var (status, reason) = EvidenceSigner.Check(line.Replace(original, replacement, StringComparison.Ordinal), Key);

        Assert.Equal(SignatureStatus.Invalid, status);
        Assert.Contains("changed after signing", reason);
    }

    [Fact]
    public void Another_key_is_named_in_the_reason()
    {
        var line = EvidenceLineFormat.Write(EvidenceSigner.Sign(EvidenceLineFormatTests.Sample(), OtherKey));

        var (status, reason) = EvidenceSigner.Check(line, Key);

        Assert.Equal(SignatureStatus.Invalid, status);
        Assert.Contains(OtherKey.KeyId, reason);
        Assert.Contains(Key.KeyId, reason);
    }

    [Fact]
    public void Unsigned_and_unchecked_are_told_apart()
    {
        var unsigned = EvidenceLineFormat.Write(EvidenceLineFormatTests.Sample());
        var signed = EvidenceLineFormat.Write(EvidenceSigner.Sign(EvidenceLineFormatTests.Sample(), Key));

        Assert.Equal(SignatureStatus.Missing, EvidenceSigner.Check(unsigned, Key).Status);
        Assert.Equal(SignatureStatus.NotChecked, EvidenceSigner.Check(signed, null).Status);
    }

    [Theory]
    [InlineData("\"alg\":\"HMAC-SHA256\"", "\"alg\":\"none\"", "algorithm")]
    [InlineData("\"value\":\"", "\"value\":\"zz", "not hex")]
    public void A_forged_signature_member_is_invalid(string original, string replacement, string expected)
    {
        var line = EvidenceLineFormat.Write(EvidenceSigner.Sign(EvidenceLineFormatTests.Sample(), Key));

        var (status, reason) = EvidenceSigner.Check(line.Replace(original, replacement, StringComparison.Ordinal), Key);

        Assert.Equal(SignatureStatus.Invalid, status);
        Assert.Contains(expected, reason);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("  ", "empty")]
    [InlineData("short", "too short")]
    public void Weak_secrets_are_refused_with_a_fix(string? secret, string expected)
    {
        var key = SigningKey.FromSecret(secret);

        Assert.False(key.Succeeded);
        Assert.Contains(expected, key.Error.Message);
        Assert.Contains("openssl rand", key.Error.Fix);
    }

    [Fact]
    public void The_key_id_is_stable_and_differs_between_keys()
    {
        Assert.Equal(Key.KeyId, SigningKey.FromSecret("an-ops-team-secret-of-some-length").Value!.KeyId);
        Assert.NotEqual(Key.KeyId, OtherKey.KeyId);
        Assert.Matches("^[0-9a-f]{16}$", Key.KeyId);
    }
}
