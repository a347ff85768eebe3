namespace ChangeGate.Core;

/// <summary>A place in a user's file, 1-based, printed as <c>file:line:column</c>.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// Something a user (or their environment) got wrong: what is wrong, where, and how to fix it.
/// Problems are results, not exceptions; the CLI turns them into exit code 2.
/// </summary>
public sealed record Problem(string Message, string? Fix = null, SourceLocation? Location = null)
{
    /// <inheritdoc />
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}

/// <summary>A value or the problems that prevented computing it.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<Problem> problems)
    {
        _value = value;
        Problems = problems;
    }

    /// <summary>The problems; empty on success.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>True when there is a value and no problem.</summary>
    public bool IsSuccess => Problems.Count == 0;

    /// <summary>The value; throws when the result failed (a bug in the caller).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("The result failed: " + string.Join("; ", Problems));

    /// <summary>A successful result.</summary>
    public static Result<T> Ok(T value) => new(value, []);

    /// <summary>A failed result.</summary>
    public static Result<T> Fail(IReadOnlyList<Problem> problems) =>
        problems.Count == 0 ? throw new ArgumentException("A failed result needs a problem.", nameof(problems)) : new(default, problems);

    /// <summary>A failed result with one problem.</summary>
    public static Result<T> Fail(Problem problem) => new(default, [problem]);
}
