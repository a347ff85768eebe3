using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Evidence.TestSupport;

namespace ChangeGate.Core.Tests.Evidence.Records;

/// <summary>Records signed with real ECDSA P-256 keys and checked with public keys only.</summary>
public sealed class EvidenceSignerTests
{
    private static string SignedLine(SigningKey key) => EvidenceLineFormat.Write(EvidenceSigner.Sign(EvidenceLineFormatTests.Sample(), key));

    [Fact]
    public void A_signed_line_verifies_with_the_public_key_alone()
    {
        var line = SignedLine(TestKeys.Ci);

        var check = EvidenceSigner.Check(line, TestKeys.Policy);

        Assert.Equal((SignatureVerdict.Valid, TestKeys.Ci.KeyId, "ci"), (check.Verdict, check.KeyId, check.KeyName));
        Assert.Contains($"\"alg\":\"ECDSA-P256-SHA256\",\"keyId\":\"{TestKeys.Ci.KeyId}\"", line);
    }

    [Fact]
    public void The_signature_covers_the_canonical_form_so_reformatting_keeps_it_valid()
    {
        var pretty = JsonNode.Parse(SignedLine(TestKeys.Ci))!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        Assert.Equal(SignatureVerdict.Valid, EvidenceSigner.Check(pretty, TestKeys.Policy).Verdict);
    }

    [Theory]
    [InlineData("\"failed\":0", "\"failed\":3")]
    [InlineData("\"clean\":true", "\"clean\":false")]
    [InlineData("\"prev\":null", "\"prev\":\"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\"")]
    [InlineData("\"recordedBy\":\"ci@kakao.example\"", "\"recordedBy\":\"mallory@example\"")]
    [InlineData("\"durationMs\":1234", "\"durationMs\":1234,\"note\":\"added by hand\"")]
    public void Any_edit_invalidates_the_signature(string original, string replacement)
    {
        var line = SignedLine(TestKeys.Ci);
        Assert.Contains(original, line);

        var check = EvidenceSigner.Check(line.Replace(original, replacement, StringComparison.Ordinal), TestKeys.Policy);

        Assert.Equal(SignatureVerdict.Invalid, check.Verdict);
        Assert.Contains("changed after signing", check.Reason);
    }

    [Fact]
    public void A_key_the_policy_does_not_list_is_untrusted_and_named()
    {
        var check = EvidenceSigner.Check(SignedLine(TestKeys.Stranger), TestKeys.Policy);

        Assert.Equal(SignatureVerdict.UntrustedKey, check.Verdict);
        Assert.Contains(TestKeys.Stranger.KeyId, check.Reason);
        Assert.Contains("not among the policy's trusted keys (ci, next)", check.Reason);
    }

    [Fact]
    public void A_revoked_key_is_refused_whatever_it_signed()
    {
        var check = EvidenceSigner.Check(SignedLine(TestKeys.Leaked), TestKeys.Policy);

        Assert.Equal(SignatureVerdict.RevokedKey, check.Verdict);
        Assert.Contains(TestKeys.Leaked.KeyId, check.Reason);
        Assert.Contains("revoked on 2026-05-20: the runner image leaked", check.Reason);
    }

    [Fact]
    public void Relabelling_a_strangers_signature_with_a_trusted_key_id_does_not_verify()
    {
        var forged = SignedLine(TestKeys.Stranger).Replace(TestKeys.Stranger.KeyId, TestKeys.Ci.KeyId, StringComparison.Ordinal);

        var check = EvidenceSigner.Check(forged, TestKeys.Policy);

        Assert.Equal(SignatureVerdict.Invalid, check.Verdict);
        Assert.Contains("does not verify under key ci", check.Reason);
    }

    [Fact]
    public void A_record_signature_is_no_signature_over_the_same_bytes_under_another_payload_type()
    {
        var record = EvidenceLineFormatTests.Sample();
        var bytes = System.Text.Encoding.UTF8.GetBytes(EvidenceLineFormat.Write(record));
        var signature = Convert.FromBase64String(EvidenceSigner.Sign(record, TestKeys.Ci).Signature!.Value);

        Assert.Equal(SignatureVerdict.Valid, TestKeys.Policy.Check(EvidenceSigner.PayloadType, bytes, TestKeys.Ci.KeyId, signature).Verdict);
        Assert.Equal(SignatureVerdict.Invalid, TestKeys.Policy.Check(DsseEnvelope.InTotoPayloadType, bytes, TestKeys.Ci.KeyId, signature).Verdict);
    }

    [Fact]
    public void Unsigned_is_missing_not_invalid()
    {
        Assert.Equal(SignatureVerdict.Missing, EvidenceSigner.Check(EvidenceLineFormat.Write(EvidenceLineFormatTests.Sample()), TestKeys.Policy).Verdict);
    }

    [Theory]
    [InlineData("\"alg\":\"ECDSA-P256-SHA256\"", "\"alg\":\"HMAC-SHA256\"", "algorithm")]
    [InlineData("\"value\":\"", "\"value\":\"!!", "not base64")]
    public void A_forged_signature_member_is_invalid(string original, string replacement, string expected)
    {
        var check = EvidenceSigner.Check(SignedLine(TestKeys.Ci).Replace(original, replacement, StringComparison.Ordinal), TestKeys.Policy);

        Assert.Equal(SignatureVerdict.Invalid, check.Verdict);
        Assert.Contains(expected, check.Reason);
    }
}
