namespace ChangeGate.Core.Signing;

/// <summary>
/// A key the policy no longer trusts, from any date: everything it signed blocks, because a
/// leaked key can sign with any date it likes.
/// </summary>
/// <param name="Id">The key id (64 hex digits).</param>
/// <param name="Since">When it was revoked, for people; it does not make older signatures valid.</param>
/// <param name="Reason">Why, or null.</param>
public sealed record RevokedKey(string Id, DateOnly Since, string? Reason)
{
    /// <summary>One line for messages.</summary>
    public string Describe() => $"revoked on {Since:yyyy-MM-dd}{(Reason is null ? "" : $": {Reason}")}";
}
