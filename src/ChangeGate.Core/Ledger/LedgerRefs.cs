namespace ChangeGate.Core.Ledger;

/// <summary>Names of the ledger refs.</summary>
public static class LedgerRefs
{
    /// <summary>The namespace of ledger refs.</summary>
    public const string Prefix = "refs/changegate/";

    /// <summary>The local ledger of <paramref name="service"/>.</summary>
    public static string Local(string service) => $"{Prefix}{service}/ledger";

    /// <summary>
    /// Where the copy fetched from <paramref name="remote"/> is kept. Outside <c>refs/remotes/</c>,
    /// so a branch-pruning fetch never deletes it, and outside <see cref="Prefix"/>, so it is never pushed back.
    /// </summary>
    public static string Tracking(string remote, string service) => $"refs/changegate-remotes/{remote}/{service}/ledger";

    /// <summary>The refspec that fetches <paramref name="service"/>'s ledger refs from <paramref name="remote"/>.</summary>
    public static string FetchRefspec(string remote, string service) => $"+{Prefix}{service}/*:refs/changegate-remotes/{remote}/{service}/*";
}
