namespace ChangeGate.Core.Ledger;

/// <summary>How hard an append tries when others write at the same time.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>
    /// Up to 200 attempts. The pause after a lost race is random between zero and a ceiling that
    /// starts at the duration of the attempt that lost (a fetch and a push: the time another writer
    /// needs to get through) and doubles per loss, up to 2 s.
    /// </summary>
    public static RetryPolicy Default { get; } = new(200, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2));

    /// <summary>The pause before attempt <paramref name="attempt"/> (2 or more), given how long the lost attempt took.</summary>
    public TimeSpan DelayBefore(int attempt, TimeSpan lostAttempt)
    {
        var unit = Math.Max(BaseDelay.TotalMilliseconds, lostAttempt.TotalMilliseconds);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, unit * Math.Pow(2, Math.Min(attempt - 2, 10)));

        // "Full jitter": spreads the writers that lost together over the whole window.
        return TimeSpan.FromMilliseconds(ceiling * Random.Shared.NextDouble());
    }
}
