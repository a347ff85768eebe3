using System.Diagnostics.CodeAnalysis;

namespace ChangeGate.Core.Evidence;

/// <summary>Either a value or the <see cref="EvidenceError"/> that prevented it.</summary>
/// <typeparam name="T">The kind of value.</typeparam>
public sealed class EvidenceResult<T>
    where T : class
{
    private EvidenceResult(T? value, EvidenceError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>The error, when not <see cref="Succeeded"/>.</summary>
    public EvidenceError? Error { get; }

    /// <summary>True when there is a value and no error.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A successful result.</summary>
    public static EvidenceResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    public static EvidenceResult<T> Failure(EvidenceError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Converts a value to a successful result.</summary>
    public static implicit operator EvidenceResult<T>(T value) => Success(value);

    /// <summary>Converts an error to a failed result.</summary>
    public static implicit operator EvidenceResult<T>(EvidenceError error) => Failure(error);
}
