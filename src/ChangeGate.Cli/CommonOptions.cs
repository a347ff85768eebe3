using System.CommandLine;

namespace ChangeGate.Cli;

/// <summary>Options every command accepts.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Repo = new("--repo")
    {
        Description = "Path inside the git repository of the service (default: the current directory)",
        Recursive = true,
        HelpName = "PATH",
    };

    public static readonly Option<string?> Policy = new("--policy")
    {
        Description = "The policy file (default: changegate.yml at the repository root)",
        Recursive = true,
        HelpName = "FILE",
    };

    public static readonly Option<string?> Remote = new("--remote")
    {
        Description = "The git remote the ledger and the evidence notes are shared through (default: origin when it exists, else none)",
        Recursive = true,
        HelpName = "NAME",
    };

    public static readonly Option<string?> Actor = BlankValues.Rejected(new Option<string?>("--actor")
    {
        Description = "Who is acting (default: $CHANGEGATE_ACTOR, else git user.email)",
        Recursive = true,
        HelpName = "EMAIL",
    }, "rm@example.com");

    public static readonly Option<string?> ActorKey = BlankValues.Rejected(new Option<string?>("--actor-key")
    {
        Description = $"The actor's private key (PEM) that signs the ledger events written (default: the PEM text in ${ChangeGate.Cli.ActorKey.Variable}); needed for approvals, overrides, resolutions, promotions and other steps that loosen the gate when the policy has ledger.require-signed-events",
        Recursive = true,
        HelpName = "FILE",
    }, "keys/lead.key.pem");

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces of internal errors",
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(Repo);
        root.Options.Add(Policy);
        root.Options.Add(Remote);
        root.Options.Add(Actor);
        root.Options.Add(ActorKey);
        root.Options.Add(Verbose);
    }
}
