using System.Security.Cryptography;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Evidence.TestSupport;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Policy;

/// <summary>evidence.trusted-keys and evidence.revoked-keys: keys inline or in files next to the policy, ids checked against the keys.</summary>
public sealed class TrustedKeysPolicyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "changegate-keys-" + Guid.NewGuid().ToString("N")[..12]);

    public TrustedKeysPolicyTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => TemporaryGitRepository.DeleteDirectory(_directory);

    [Fact]
    public void Inline_keys_are_trusted_and_revoked_ones_listed()
    {
        var policy = Read(TestKeys.EvidenceSection([(TestKeys.Ci, "ci"), (TestKeys.Next, "next")], [TestKeys.Leaked]));

        Assert.True(policy.IsSuccess, string.Join("\n", policy.Problems));
        var keys = policy.Value.Evidence.Keys;
        Assert.Equal([TestKeys.Ci.KeyId, TestKeys.Next.KeyId], keys.Trusted.Select(k => k.Id));
        Assert.Equal(["ci", "next"], keys.Trusted.Select(k => k.Name));
        var revoked = Assert.Single(keys.Revoked);
        Assert.Equal((TestKeys.Leaked.KeyId, new DateOnly(2026, 5, 20), "the runner image leaked"), (revoked.Id, revoked.Since, revoked.Reason));
    }

    [Fact]
    public void A_key_file_is_read_relative_to_the_policy_file()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "keys"));
        File.WriteAllText(Path.Combine(_directory, "keys", "ci.pub.pem"), TestKeys.Ci.ExportPublicKeyPem());

        var policy = ReadFile($"evidence:\n  trusted-keys:\n    - id: {TestKeys.Ci.KeyId}\n      public-key: keys/ci.pub.pem\n");

        Assert.True(policy.IsSuccess, string.Join("\n", policy.Problems));
        Assert.Equal(TestKeys.Ci.KeyId, Assert.Single(policy.Value.Evidence.Keys.Trusted).Id);
    }

    [Fact]
    public void The_key_id_is_the_sha256_of_the_subject_public_key_info_as_openssl_computes_it()
    {
        var pem = Path.Combine(_directory, "ci.pub.pem");
        File.WriteAllText(pem, TestKeys.Ci.ExportPublicKeyPem());
        var der = Path.Combine(_directory, "ci.pub.der");

        RunOpenSsl("pkey", "-pubin", "-in", pem, "-outform", "DER", "-out", der);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(der))), TestKeys.Ci.KeyId);
    }

    [Fact]
    public void A_key_made_by_openssl_is_read_and_its_id_matches()
    {
        var key = Path.Combine(_directory, "openssl.key.pem");
        var pub = Path.Combine(_directory, "openssl.pub.pem");
        RunOpenSsl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key);
        RunOpenSsl("ec", "-in", key, "-pubout", "-out", pub);

        using var signing = SigningKey.FromPem(File.ReadAllText(key), "the openssl key").Value;
        var trusted = TrustedKey.FromPem(File.ReadAllText(pub), signing.KeyId, null, "the openssl public key");

        Assert.True(trusted.IsSuccess, string.Join("\n", trusted.Problems));
        Assert.True(trusted.Value.Verifies("t", "x"u8, signing.Sign("t", "x"u8)));
    }

    [Fact]
    public void An_id_that_does_not_match_its_key_is_an_error_at_the_id_giving_the_real_one()
    {
        var section = TestKeys.EvidenceSection([(TestKeys.Ci, "ci")]).Replace(TestKeys.Ci.KeyId, TestKeys.Next.KeyId, StringComparison.Ordinal);

        var problem = Assert.Single(Read(section).Problems);

        Assert.Equal($"the key id {TestKeys.Next.KeyId} does not match the public key at changegate.yml:{Line(section, "public-key") }, whose id is {TestKeys.Ci.KeyId}", problem.Message);
        Assert.Equal(Line(section, "- id:"), problem.Location!.Line);
        Assert.Contains($"id: {TestKeys.Ci.KeyId}", problem.Fix);
    }

    [Theory]
    [InlineData("public-key: keys/missing.pem", "does not exist")]
    [InlineData("public-key: ../outside.pem", "outside the directory of the policy")]
    [InlineData("public-key: /etc/ssl/key.pem", "absolute path")]
    public void A_key_file_must_exist_inside_the_repository(string line, string expected)
    {
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_directory)!, "outside.pem"), TestKeys.Ci.ExportPublicKeyPem());

        var policy = ReadFile($"evidence:\n  trusted-keys:\n    - id: {TestKeys.Ci.KeyId}\n      {line}\n");

        Assert.Contains(expected, Assert.Single(policy.Problems).Message);
    }

    [Fact]
    public void A_key_both_trusted_and_revoked_is_an_error()
    {
        var problems = Read(TestKeys.EvidenceSection([(TestKeys.Ci, "ci")], [TestKeys.Ci])).Problems;

        Assert.Contains("is also in evidence.revoked-keys", Assert.Single(problems).Message);
        Assert.Contains("a revoked key is never trusted again", problems[0].Message);
    }

    [Fact]
    public void A_key_listed_twice_an_id_that_is_no_id_and_a_bad_date_are_errors_at_their_place()
    {
        var twice = Read(TestKeys.EvidenceSection([(TestKeys.Ci, "ci"), (TestKeys.Ci, "again")])).Problems;
        var notAnId = Read("evidence:\n  revoked-keys:\n    - id: ci-2026\n      revoked: 2026-05-20\n").Problems;
        var badDate = Read($"evidence:\n  revoked-keys:\n    - id: {TestKeys.Leaked.KeyId}\n      revoked: last tuesday\n").Problems;

        Assert.Contains("is listed twice in evidence.trusted-keys", Assert.Single(twice).Message);
        Assert.Contains("must be a key id", Assert.Single(notAnId).Message);
        Assert.Contains("must be a date like 2026-05-20", Assert.Single(badDate).Message);
    }

    [Fact]
    public void A_key_on_another_curve_or_not_a_public_key_is_refused_naming_what_it_is()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);

        var curve = TrustedKey.FromPem(p384.ExportSubjectPublicKeyInfoPem(), new string('0', 64), null, "the key");
        var notEc = TrustedKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem(), new string('0', 64), null, "the key");
        var hmac = SigningKey.FromPem("correct-horse-battery-staple-2024", "CHANGEGATE_SIGNING_KEY");

        Assert.Contains("not P-256", Assert.Single(curve.Problems).Message);
        Assert.Contains("is not a readable ECDSA P-256 public key", Assert.Single(notEc.Problems).Message);
        Assert.Contains("holds no PEM text", Assert.Single(hmac.Problems).Message);
        Assert.Contains("an HMAC secret from an older changegate is no longer accepted", hmac.Problems[0].Fix);
    }

    private static Result<GatePolicy> Read(string section) => new PolicyReader(GateChecks.Names).Read(TestPolicies.ThreeStages + "\n" + section, "changegate.yml");

    private Result<GatePolicy> ReadFile(string section)
    {
        var path = Path.Combine(_directory, "changegate.yml");
        File.WriteAllText(path, TestPolicies.ThreeStages + "\n" + section);
        return new PolicyReader(GateChecks.Names).ReadFile(path, "changegate.yml");
    }

    private static int Line(string section, string text) =>
        TestPolicies.ThreeStages.Split('\n').Length + 1 + section.Split('\n').TakeWhile(l => !l.Contains(text, StringComparison.Ordinal)).Count();

    private static void RunOpenSsl(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "openssl did not finish");
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', arguments)}: {error.Result}");
    }
}
