namespace ChangeGate.Core.Evidence;

/// <summary>
/// Something the user got wrong or must fix (a malformed result file, a missing commit, a bad
/// note): what is wrong, where, and how to fix it. Never an exception.
/// </summary>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="Fix">What to do about it.</param>
/// <param name="File">The file the problem is in, when there is one.</param>
/// <param name="Line">1-based line in <paramref name="File"/>, when known.</param>
/// <param name="Column">1-based column in <paramref name="File"/>, when known.</param>
public sealed record EvidenceError(string Message, string Fix, string? File = null, int? Line = null, int? Column = null)
{
    /// <summary>The location as <c>file:line:column</c> (as much of it as is known), or null.</summary>
    public string? Location => File is null
        ? null
        : Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";

    /// <summary>The error as one line a user can act on: <c>file:line:column: message (fix)</c>.</summary>
    public override string ToString() => Location is null ? $"{Message} Fix: {Fix}" : $"{Location}: {Message} Fix: {Fix}";

    /// <summary>The error as a <see cref="Problem"/> for the CLI: the location leads the message, the fix stays apart.</summary>
    public Problem ToProblem() => new(Location is null ? Message : $"{Location}: {Message}", Fix);
}
