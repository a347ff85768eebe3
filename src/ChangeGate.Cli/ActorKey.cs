using ChangeGate.Core;
using ChangeGate.Core.Signing;

namespace ChangeGate.Cli;

/// <summary>
/// The actor's signing key for ledger events: <c>--actor-key FILE</c>, else the PEM text in
/// <see cref="Variable"/>. The same ECDSA P-256 PEM keys as evidence (<c>changegate evidence keygen</c>),
/// held by a person or a CI job; kept apart from the evidence key (<c>CHANGEGATE_SIGNING_KEY</c>) so
/// one job can hold both.
/// </summary>
internal static class ActorKey
{
    /// <summary>The environment variable that holds the actor's PEM private key.</summary>
    public const string Variable = "CHANGEGATE_ACTOR_KEY";

    private const int MaxKeyFileBytes = 64 * 1024;

    /// <summary>The key; null when neither the option nor the variable gives one; a problem when it is unusable.</summary>
    public static Result<SigningKey?> Read(CliEnvironment environment, string? file)
    {
        if (file is not null)
        {
            var path = Path.GetFullPath(file, environment.WorkingDirectory);
            string text;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    return Fail(new Problem($"--actor-key {file}: the file does not exist", "give the private key file `changegate evidence keygen` wrote (the .key.pem one)"));
                }

                if (info.Length > MaxKeyFileBytes)
                {
                    return Fail(new Problem($"--actor-key {file}: the file is {info.Length} bytes, too large to be a PEM private key", "give the .key.pem file `changegate evidence keygen` wrote"));
                }

                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(new Problem($"--actor-key {file}: the file cannot be read ({e.Message})", "check the path and that you may read it"));
            }

            var fromFile = SigningKey.FromPem(text, $"the key file {file}");
            return fromFile.IsSuccess ? Result<SigningKey?>.Ok(fromFile.Value) : Result<SigningKey?>.Fail(fromFile.Problems);
        }

        var pem = environment.GetVariable(Variable);
        if (string.IsNullOrEmpty(pem))
        {
            return Result<SigningKey?>.Ok(null);
        }

        var key = SigningKey.FromPem(pem, Variable);
        return key.IsSuccess
            ? Result<SigningKey?>.Ok(key.Value)
            : Result<SigningKey?>.Fail([.. key.Problems.Select(p => p with { Fix = p.Fix + $" (to sign with a key file, pass --actor-key FILE instead of setting {Variable})" })]);
    }

    private static Result<SigningKey?> Fail(Problem problem) => Result<SigningKey?>.Fail(problem);
}
