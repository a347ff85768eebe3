namespace ChangeGate.Cli.Tests.Support;

/// <summary>
/// A program a test needs from the machine (tmux for a real pseudo-terminal, chromium for a real
/// browser). On a developer machine without it the test is skipped with the reason; where
/// <see cref="RequireVariable"/> is 1 (CI: .ci/run installs the tools and sets it) it runs and fails
/// loudly when the program is missing, like the Alertmanager tests.
/// </summary>
public sealed record RequiredTool(string Name, string DefaultPath, string RequireVariable, string Package)
{
    public static readonly RequiredTool Tmux = new("tmux", "/usr/bin/tmux", "CHANGEGATE_REQUIRE_TMUX", "apt-get install -y tmux");

    public static readonly RequiredTool Chromium = new("chromium", "/usr/bin/chromium", "CHANGEGATE_REQUIRE_CHROMIUM", "apt-get install -y chromium");

    public static readonly RequiredTool Zsh = new("zsh", "/usr/bin/zsh", "CHANGEGATE_REQUIRE_SHELLS", "apt-get install -y zsh");

    /// <summary>PowerShell as a dotnet tool where .ci/run installs it (artifacts/tools/pwsh), else a system one.</summary>
    public static readonly RequiredTool PowerShell = new("pwsh", "/usr/bin/pwsh", "CHANGEGATE_REQUIRE_SHELLS",
        "dotnet tool install PowerShell --version 7.6.10 --tool-path artifacts/tools/pwsh")
    {
        Candidates = [ChangeGate.Analyzers.Tests.Infrastructure.RepositoryRoot.Combine("artifacts", "tools", "pwsh", "pwsh")],
    };

    /// <summary>Other places to look, before <see cref="DefaultPath"/>.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>The installed program, or null.</summary>
    public string? Binary => Candidates.Append(DefaultPath).FirstOrDefault(File.Exists);

    /// <summary>True when the environment demands the tests run (CI).</summary>
    public bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why a test is skipped here, or null when it runs.</summary>
    public string? SkipReason => !IsRequired && Binary is null ? $"{Name} is not installed; .ci/run installs it ({Package})" : null;

    /// <summary>The program, or a failure that says how to install it.</summary>
    public string Require() => Binary ?? throw new InvalidOperationException($"{Name} is required ({RequireVariable}=1) but it is not installed: `{Package}`");
}

/// <summary>A test that needs tmux (a real pseudo-terminal).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TerminalFactAttribute : FactAttribute
{
    public TerminalFactAttribute() => Skip = RequiredTool.Tmux.SkipReason;
}

/// <summary>A test that needs headless Chromium.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = RequiredTool.Chromium.SkipReason;
}

/// <summary>A test that needs tmux and zsh.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ZshFactAttribute : FactAttribute
{
    public ZshFactAttribute() => Skip = RequiredTool.Tmux.SkipReason ?? RequiredTool.Zsh.SkipReason;
}

/// <summary>A test that needs PowerShell.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PowerShellFactAttribute : FactAttribute
{
    public PowerShellFactAttribute() => Skip = RequiredTool.PowerShell.SkipReason;
}
