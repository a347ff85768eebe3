namespace ChangeGate.Cli;

/// <summary>The exit codes of every changegate command.</summary>
public static class ExitCodes
{
    /// <summary>Allowed / done.</summary>
    public const int Ok = 0;

    /// <summary>Blocked by the gate, or a state transition refused.</summary>
    public const int Blocked = 1;

    /// <summary>Bad input or configuration (policy, arguments, ledger, repository, remote).</summary>
    public const int BadInput = 2;

    /// <summary>A bug in changegate.</summary>
    public const int InternalError = 3;
}
