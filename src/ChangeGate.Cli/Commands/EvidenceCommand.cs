using System.CommandLine;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Identity;
using ChangeGate.Core.Ledger;
using LibGit2Sharp;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate evidence record|show|verify</c>: test evidence as a git note on the tested commit.</summary>
internal static class EvidenceCommand
{
    /// <summary>The environment variable that holds the signing key.</summary>
    public const string SigningKeyVariable = "CHANGEGATE_SIGNING_KEY";

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("evidence", CommandText.Describe(
            "Record, show and verify test evidence: a summary of the test results, bound to the exact commit as a git note (refs/notes/changegate) shared through the remote.",
            "changegate evidence record --results 'artifacts/test-results/*.trx'",
            "changegate evidence show",
            "changegate evidence verify"));
        command.Subcommands.Add(Record(environment));
        command.Subcommands.Add(Show(environment));
        command.Subcommands.Add(Verify(environment));
        return command;
    }

    /// <summary>The signing key from CHANGEGATE_SIGNING_KEY: null when unset, a problem when set but unusable.</summary>
    public static Result<SigningKey?> ReadSigningKey(CliEnvironment environment)
    {
        var secret = environment.GetVariable(SigningKeyVariable);
        if (string.IsNullOrEmpty(secret))
        {
            return Result<SigningKey?>.Ok(null);
        }

        var key = SigningKey.FromSecret(secret);
        return key.Succeeded
            ? Result<SigningKey?>.Ok(key.Value)
            : Result<SigningKey?>.Fail(new Problem($"{SigningKeyVariable} is set but cannot be used: {key.Error.Message}", key.Error.Fix));
    }

    private static Command Record(CliEnvironment environment)
    {
        var results = BlankValues.Rejected(new Option<string[]>("--results")
        {
            Description = "TRX or JUnit XML files, or globs (* ? **; quote them), relative to the current directory",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "GLOB",
        }, "'artifacts/test-results/*.trx'");
        var commit = BlankValues.Rejected(new Option<string>("--commit") { Description = "The tested commit", DefaultValueFactory = _ => "HEAD", HelpName = "REF" }, "HEAD");
        var job = BlankValues.Rejected(new Option<string?>("--job") { Description = "A label for the test job, such as linux-unit", HelpName = "NAME" }, "linux-unit");
        var command = new Command("record", CommandText.Describe(
            "Summarise test results (per assembly or suite: passed, failed, skipped, duration), hash the files, note the tool versions, the commit and its tree, whether the working tree was clean and who recorded it, and attach it to the commit as a line of its git note; then push the notes to the remote. Signed (HMAC-SHA256) when CHANGEGATE_SIGNING_KEY is set. Exit 0 recorded (also when tests failed: the gate judges), 2 bad input.",
            "changegate evidence record --results 'artifacts/test-results/*.trx'",
            "changegate evidence record --results reports/junit.xml --job linux-unit",
            "CHANGEGATE_SIGNING_KEY=$KEY changegate evidence record --results 'TestResults/**/*.trx' --commit $GITHUB_SHA"))
        {
            results, commit, job,
        };
        command.SetAction(parse => WithRepository(environment, parse, (repository, remote) =>
        {
            var actor = ActorResolver.Resolve(parse.GetValue(CommonOptions.Actor), environment.GetVariable, repository);
            var key = ReadSigningKey(environment);
            var files = ResultFileGlob.Expand(parse.GetValue(results) ?? [], environment.WorkingDirectory);
            var problems = actor.Problems.Concat(key.Problems).Concat(files.Succeeded ? [] : [files.Error.ToProblem()]).ToList();
            if (problems.Count > 0)
            {
                return CommandSession.PrintProblems(environment, problems);
            }

            var record = EvidenceRecorder.Create(new EvidenceRecordRequest
            {
                RepositoryPath = repository.Info.WorkingDirectory ?? repository.Info.Path,
                Commit = parse.GetValue(commit)!,
                ResultFiles = files.Value!,
                RecordedBy = actor.Value,
                Job = parse.GetValue(job),
                SigningKey = key.Value,
            });
            if (!record.Succeeded)
            {
                return CommandSession.PrintProblems(environment, [record.Error.ToProblem()]);
            }

            var notes = OpenNotes(environment, repository, remote);
            if (!notes.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, notes.Problems);
            }

            var author = new Signature(actor.Value, actor.Value.Contains('@', StringComparison.Ordinal) ? actor.Value : actor.Value + "@changegate", DateTimeOffset.UtcNow);
            var stored = notes.Value.Append(record.Value, author);
            if (!stored.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, stored.Problems);
            }

            EvidenceRenderer.Recorded(environment.Console, record.Value, stored.Value.Lines.Count, actor.Value, notes.Value.NotesRef, remote);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment)
    {
        var commit = BlankValues.Rejected(new Option<string>("--commit") { Description = "The commit whose evidence to show", DefaultValueFactory = _ => "HEAD", HelpName = "REF" }, "HEAD");
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("show", CommandText.Describe(
            "Print the evidence recorded for a commit (after fetching the notes from the remote): each record's results, files, working tree and signature status. Exit 0 shown, 1 no evidence for the commit, 2 bad input.",
            "changegate evidence show",
            "changegate evidence show --commit v1.5.0 --format json"))
        {
            commit, format,
        };
        command.SetAction(parse => WithVerification(environment, parse, parse.GetValue(commit)!, requireKey: false, (verification, remote) =>
        {
            if (parse.GetValue(format) == "json")
            {
                environment.Output.WriteLine(EvidenceRenderer.Json(verification));
            }
            else
            {
                EvidenceRenderer.Show(environment.Console, verification, remote);
            }

            return verification.HasEvidence ? ExitCodes.Ok : ExitCodes.Blocked;
        }));
        return command;
    }

    private static Command Verify(CliEnvironment environment)
    {
        var commit = BlankValues.Rejected(new Option<string>("--commit") { Description = "The commit whose evidence to verify", DefaultValueFactory = _ => "HEAD", HelpName = "REF" }, "HEAD");
        var command = new Command("verify", CommandText.Describe(
            $"Check every evidence record of a commit against the signing key in {SigningKeyVariable}: readable, about this commit and tree, signed, and unchanged since it was signed. Exit 0 every record valid, 1 no evidence or a record missing, invalid or unsigned, 2 bad input (no key).",
            "changegate evidence verify",
            "changegate evidence verify --commit v1.5.0"))
        {
            commit,
        };
        command.SetAction(parse => WithVerification(environment, parse, parse.GetValue(commit)!, requireKey: true, (verification, _) =>
        {
            EvidenceRenderer.Verified(environment.Console, verification);
            return verification.Status == "valid" ? ExitCodes.Ok : ExitCodes.Blocked;
        }));
        return command;
    }

    /// <summary>Fetches the notes, verifies the commit's evidence and hands the result to <paramref name="render"/>.</summary>
    private static int WithVerification(CliEnvironment environment, ParseResult parse, string commitish, bool requireKey, Func<EvidenceVerification, string?, int> render) =>
        WithRepository(environment, parse, (repository, remote) =>
        {
            var key = ReadSigningKey(environment);
            if (!key.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, key.Problems);
            }

            if (requireKey && key.Value is null)
            {
                return CommandSession.PrintProblems(environment, [new Problem($"{SigningKeyVariable} is not set, so there is nothing to verify signatures with",
                    $"set {SigningKeyVariable} to the key the test jobs sign with; `changegate evidence show` prints evidence without verifying it")]);
            }

            var commit = Core.Rollouts.CommitInfo.Resolve(repository, commitish);
            if (!commit.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, commit.Problems);
            }

            var notes = OpenNotes(environment, repository, remote);
            if (!notes.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, notes.Problems);
            }

            var fetched = notes.Value.Fetch();
            if (!fetched.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, fetched.Problems);
            }

            var note = notes.Value.Read(commit.Value.Sha);
            if (!note.Succeeded)
            {
                return CommandSession.PrintProblems(environment, [note.Error.ToProblem()]);
            }

            var tree = repository.Lookup<Commit>(commit.Value.Sha).Tree.Sha;
            return render(EvidenceVerifier.Verify(note.Value, commit.Value.Sha, tree, key.Value), remote);
        });

    /// <summary>The evidence notes shared through <paramref name="remote"/>, each fetch and push bounded by CHANGEGATE_GIT_TIMEOUT (evidence commands read no policy).</summary>
    private static Result<SharedEvidenceNotes> OpenNotes(CliEnvironment environment, Repository repository, string? remote)
    {
        var timeout = Core.Sync.GitTimeout.Resolve(environment.GetVariable(Core.Sync.GitTimeout.Variable), fromPolicy: null);
        return timeout.IsSuccess ? SharedEvidenceNotes.Open(repository, remote, timeout: timeout.Value) : Result<SharedEvidenceNotes>.Fail(timeout.Problems);
    }

    /// <summary>Opens the repository and picks the remote (--remote, else origin when it exists); prints problems as exit 2.</summary>
    private static int WithRepository(CliEnvironment environment, ParseResult parse, Func<Repository, string?, int> action)
    {
        var repository = RepositoryLocator.Open(CommandSession.RepositoryPath(environment, parse));
        if (!repository.IsSuccess)
        {
            return CommandSession.PrintProblems(environment, repository.Problems);
        }

        using (repository.Value)
        {
            if (repository.Value.Info.IsBare)
            {
                return CommandSession.PrintProblems(environment, [new Problem("the repository is bare: evidence belongs to a checkout where tests ran", "run in a clone with a working tree")]);
            }

            return action(repository.Value, RepositoryLocator.ChooseRemote(repository.Value, parse.GetValue(CommonOptions.Remote)));
        }
    }
}
