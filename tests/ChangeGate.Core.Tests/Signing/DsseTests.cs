using System.Text;
using System.Text.Json;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Evidence.TestSupport;

namespace ChangeGate.Core.Tests.Signing;

/// <summary>DSSE as its protocol (v1.0.0) and envelope documents define it.</summary>
public sealed class DsseTests
{
    [Fact]
    public void Pae_is_the_protocols_test_vector()
    {
        // protocol.md: PAE("http://example.com/HelloWorld", "hello world").
        var pae = Pae.Encode("http://example.com/HelloWorld", "hello world"u8);

        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.ASCII.GetString(pae));
    }

    [Fact]
    public void Pae_counts_bytes_not_characters_and_an_empty_body_ends_with_a_space()
    {
        Assert.Equal("DSSEv1 29 application/vnd.exämple+json 0 ", Encoding.UTF8.GetString(Pae.Encode("application/vnd.exämple+json", [])));
    }

    [Fact]
    public void An_envelope_has_the_published_member_names_and_verifies_with_the_public_key()
    {
        var envelope = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, "{\"_type\":\"https://in-toto.io/Statement/v1\"}"u8.ToArray(), TestKeys.Ci);

        using var json = JsonDocument.Parse(envelope.ToJson());
        var root = json.RootElement;
        Assert.Equal(["payloadType", "payload", "signatures"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("application/vnd.in-toto+json", root.GetProperty("payloadType").GetString());
        Assert.Equal("{\"_type\":\"https://in-toto.io/Statement/v1\"}", Encoding.UTF8.GetString(Convert.FromBase64String(root.GetProperty("payload").GetString()!)));
        var signature = Assert.Single(root.GetProperty("signatures").EnumerateArray().ToList());
        Assert.Equal(["keyid", "sig"], signature.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TestKeys.Ci.KeyId, signature.GetProperty("keyid").GetString());

        var read = DsseEnvelope.Parse(envelope.ToJson(), "envelope.json").Value;
        var (valid, _) = read.Verify(TestKeys.Policy);
        Assert.Equal(TestKeys.Ci.KeyId, valid!.KeyId);

        // The signature is ECDSA over PAE(type, body), as any DSSE verifier computes it.
        var key = TestKeys.Policy.Find(TestKeys.Ci.KeyId)!;
        Assert.True(key.Verifies(envelope.PayloadType, envelope.Payload, envelope.Signatures[0].Signature));
    }

    [Fact]
    public void Openssl_verifies_the_signature_over_the_pae_with_the_public_key_file()
    {
        var directory = Directory.CreateTempSubdirectory("changegate-dsse-").FullName;
        try
        {
            var envelope = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, "{\"_type\":\"https://in-toto.io/Statement/v1\"}"u8.ToArray(), TestKeys.Ci);
            File.WriteAllBytes(Path.Combine(directory, "pae.bin"), Pae.Encode(envelope.PayloadType, envelope.Payload));
            File.WriteAllBytes(Path.Combine(directory, "sig.der"), envelope.Signatures[0].Signature);
            File.WriteAllText(Path.Combine(directory, "key.pub.pem"), TestKeys.Ci.ExportPublicKeyPem());

            var start = new System.Diagnostics.ProcessStartInfo("openssl", ["dgst", "-sha256", "-verify", "key.pub.pem", "-signature", "sig.der", "pae.bin"])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

            Assert.Equal("Verified OK", output.Trim());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Url_safe_base64_without_padding_is_read_and_a_missing_keyid_tries_every_trusted_key()
    {
        var envelope = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, [0xfb, 0xff, 0xbf, 0x3e, 0x3f], TestKeys.Next);
        var urlSafe = $$"""{"payload":"{{Convert.ToBase64String(envelope.Payload).Replace('+', '-').Replace('/', '_').TrimEnd('=')}}","payloadType":"application/vnd.in-toto+json","signatures":[{"sig":"{{Convert.ToBase64String(envelope.Signatures[0].Signature).Replace('+', '-').Replace('/', '_').TrimEnd('=')}}"}]}""";

        var read = DsseEnvelope.Parse(urlSafe, "url-safe.json");

        Assert.True(read.IsSuccess, string.Join("\n", read.Problems));
        Assert.Equal(envelope.Payload, read.Value.Payload);
        Assert.Equal(TestKeys.Next.KeyId, read.Value.Verify(TestKeys.Policy).Valid!.KeyId);
    }

    [Fact]
    public void A_changed_payload_or_type_fails_and_an_untrusted_or_revoked_signer_is_named()
    {
        var envelope = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, "{}"u8.ToArray(), TestKeys.Ci);

        var payload = (envelope with { Payload = "{ }"u8.ToArray() }).Verify(TestKeys.Policy);
        var type = (envelope with { PayloadType = "application/json" }).Verify(TestKeys.Policy);
        var stranger = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, "{}"u8.ToArray(), TestKeys.Stranger).Verify(TestKeys.Policy);
        var leaked = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, "{}"u8.ToArray(), TestKeys.Leaked).Verify(TestKeys.Policy);

        Assert.Null(payload.Valid);
        Assert.Contains("does not verify under key ci", Assert.Single(payload.Failures));
        Assert.Null(type.Valid);
        Assert.Null(stranger.Valid);
        Assert.Contains($"{TestKeys.Stranger.KeyId}, which is not among the policy's trusted keys", Assert.Single(stranger.Failures));
        Assert.Null(leaked.Valid);
        Assert.Contains("which the policy revoked", Assert.Single(leaked.Failures));
    }

    [Theory]
    [InlineData("", "the JSON does not parse")]
    [InlineData("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"a\",\"si", "the JSON does not parse")]
    [InlineData("null", "JSON null")]
    [InlineData("{\"payload\":\"e30=\",\"signatures\":[{\"sig\":\"AA==\"}]}", "\"payloadType\" is missing")]
    [InlineData("{\"payloadType\":\"t\",\"payload\":\"not base64!\",\"signatures\":[{\"sig\":\"AA==\"}]}", "\"payload\" is not base64")]
    [InlineData("{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[]}", "has no signatures")]
    [InlineData("{\"payloadType\":\"t\",\"payloadType\":\"u\",\"payload\":\"e30=\",\"signatures\":[{\"sig\":\"AA==\"}]}", "the JSON does not parse")]
    public void A_truncated_or_malformed_envelope_is_refused_saying_what_is_wrong(string json, string expected)
    {
        var read = DsseEnvelope.Parse(json, "evidence.intoto.json");

        Assert.False(read.IsSuccess);
        Assert.Contains(expected, read.Problems[0].Message);
        Assert.StartsWith("evidence.intoto.json", read.Problems[0].Message);
    }
}
