using System.CommandLine;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core;
using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Attestation;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Recording;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Identity;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Signing;
using LibGit2Sharp;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary>
/// <c>changegate evidence record|show|verify|export|restore|keygen</c>: signed test evidence as a
/// git note on the tested commit, anchored in the ledger, exported as in-toto attestations.
/// </summary>
internal static class EvidenceCommand
{
    /// <summary>The environment variable that holds the PEM private key (a CI secret of the test job).</summary>
    public const string SigningKeyVariable = "CHANGEGATE_SIGNING_KEY";

    /// <summary>The largest key or attestation file read.</summary>
    private const int MaxKeyFileBytes = 64 * 1024;

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("evidence", CommandText.Describe(
            "Record, show, verify and export test evidence: a signed summary of the test results, bound to the exact commit as a git note (refs/notes/changegate) and anchored in the ledger, shared through the remote.",
            "changegate evidence keygen --output keys",
            "changegate evidence record --results 'artifacts/test-results/*.trx'",
            "changegate evidence verify",
            "changegate evidence export --commit HEAD --output evidence.intoto.json"));
        command.Subcommands.Add(Record(environment));
        command.Subcommands.Add(Show(environment));
        command.Subcommands.Add(Verify(environment));
        command.Subcommands.Add(Export(environment));
        command.Subcommands.Add(Restore(environment));
        command.Subcommands.Add(Keygen(environment));
        return command;
    }

    private static Option<string?> SigningKeyOption() => BlankValues.Rejected(new Option<string?>("--signing-key")
    {
        Description = $"The PEM private key file to sign with (default: the PEM text in ${SigningKeyVariable}, a CI secret)",
        HelpName = "FILE",
    }, "ci.key.pem");

    private static Option<string> CommitOption(string description) =>
        BlankValues.Rejected(new Option<string>("--commit") { Description = description, DefaultValueFactory = _ => "HEAD", HelpName = "REV" }, "HEAD");

    /// <summary>The private key from --signing-key FILE or CHANGEGATE_SIGNING_KEY: null when neither is given, a problem when unusable.</summary>
    internal static Result<SigningKey?> ReadSigningKey(CliEnvironment environment, string? file)
    {
        if (file is not null)
        {
            var path = Path.GetFullPath(file, environment.WorkingDirectory);
            var text = ReadSmallFile(path, $"--signing-key {file}", "the private key file `changegate evidence keygen` wrote (the .key.pem one)");
            if (!text.IsSuccess)
            {
                return Result<SigningKey?>.Fail(text.Problems);
            }

            var fromFile = SigningKey.FromPem(text.Value, $"the key file {file}");
            return fromFile.IsSuccess ? Result<SigningKey?>.Ok(fromFile.Value) : Result<SigningKey?>.Fail(fromFile.Problems);
        }

        var pem = environment.GetVariable(SigningKeyVariable);
        if (string.IsNullOrEmpty(pem))
        {
            return Result<SigningKey?>.Ok(null);
        }

        var key = SigningKey.FromPem(pem, SigningKeyVariable);
        return key.IsSuccess
            ? Result<SigningKey?>.Ok(key.Value)
            : Result<SigningKey?>.Fail([.. key.Problems.Select(p => p with { Fix = p.Fix + $" (to sign with a key file, pass --signing-key FILE instead of setting {SigningKeyVariable})" })]);
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
        var commit = CommitOption("The tested commit");
        var job = BlankValues.Rejected(new Option<string?>("--job") { Description = "A label for the test job, such as linux-unit", HelpName = "NAME" }, "linux-unit");
        var signingKey = SigningKeyOption();
        var command = new Command("record", CommandText.Describe(
            $"Summarise test results (per assembly or suite: passed, failed, skipped, duration), refuse results whose run started before the commit was made, hash the files, note the tool versions, the commit and its tree, whether the working tree was clean and who recorded it; sign the record with the ECDSA P-256 key (--signing-key FILE or ${SigningKeyVariable}), chain it to the commit's previous record, anchor it in the ledger and attach it to the commit's git note; push both to the remote. Result files already recorded for the commit (same bytes) are not counted again. Exit 0 recorded or already recorded (also when tests failed: the gate judges, and the command says so), 2 bad input: no file matches a pattern, a malformed file (file:line:column), results older than the commit, an unknown commit, no actor, an unusable or untrusted key.",
            "changegate evidence record --results 'artifacts/test-results/*.trx'",
            "changegate evidence record --results reports/junit.xml --job linux-unit",
            $"{SigningKeyVariable}=\"$EVIDENCE_KEY\" changegate evidence record --results 'TestResults/**/*.trx' --commit $GITHUB_SHA"))
        {
            results, commit, job, signingKey,
        };
        command.SetAction(parse => WithRepository(environment, parse, repository =>
        {
            var actor = ActorResolver.Resolve(parse.GetValue(CommonOptions.Actor), environment.GetVariable, repository);
            var key = ReadSigningKey(environment, parse.GetValue(signingKey));
            using var signer = key.IsSuccess ? key.Value : null;
            var files = ResultFileGlob.Expand(parse.GetValue(results) ?? [], environment.WorkingDirectory);
            var problems = actor.Problems.Concat(key.Problems).Concat(files.Succeeded ? [] : [files.Error.ToProblem()]).ToList();
            if (problems.Count > 0)
            {
                return CommandSession.PrintProblems(environment, problems);
            }

            // The commit and the results first: an empty repository or stale results are the problem to report.
            var workTree = repository.Info.WorkingDirectory ?? repository.Info.Path;
            var record = EvidenceRecorder.Create(new EvidenceRecordRequest
            {
                RepositoryPath = workTree,
                Commit = parse.GetValue(commit)!,
                ResultFiles = files.Value!,
                RecordedBy = actor.Value,
                Job = parse.GetValue(job),
            });
            if (!record.Succeeded)
            {
                return CommandSession.PrintProblems(environment, [record.Error.ToProblem()]);
            }

            var policy = CommandSession.ReadPolicy(environment, parse, workTree);
            if (!policy.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, policy.Problems);
            }

            var warnings = new List<string>();
            if (KeyProblem(policy.Value, signer, warnings) is { } keyProblem)
            {
                return CommandSession.PrintProblems(environment, [keyProblem]);
            }

            var timeout = Core.Sync.GitTimeout.Resolve(environment.GetVariable(Core.Sync.GitTimeout.Variable), policy.Value.Remote.Timeout);
            if (!timeout.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, timeout.Problems);
            }

            var remote = RepositoryLocator.ChooseRemote(repository, parse.GetValue(CommonOptions.Remote));
            var opened = SharedLedger.Open(workTree, policy.Value.Service, remote, CommandSession.Clock, timeout: timeout.Value);
            if (!opened.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, opened.Problems);
            }

            using var ledger = opened.Value;
            ledger.Guards = ChangeGate.Core.Ledger.Integrity.LedgerGuards.From(policy.Value);

            // The anchor only makes the gate stricter, so it counts unsigned; with the actor's key it is signed too.
            var actorKey = ActorKey.Read(environment, parse.GetValue(CommonOptions.ActorKey));
            if (!actorKey.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, actorKey.Problems);
            }

            using var actorSigner = actorKey.Value;
            ledger.Signer = actorSigner;
            var notes = SharedEvidenceNotes.Open(ledger.Repository, remote, timeout: timeout.Value);
            if (!notes.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, notes.Problems);
            }

            var published = EvidencePublisher.Publish(ledger, notes.Value, record.Value, signer, Author(actor.Value));
            if (!published.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, published.Problems);
            }

            EvidenceRenderer.Recorded(environment.Console, published.Value, record.Value, signer, policy.Value.Evidence.Keys, ledger.RefName, notes.Value.NotesRef, remote, warnings);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// A key the gate would reject makes a record nobody can use: refused at record time, when the
    /// policy checks evidence (else only said).
    /// </summary>
    private static Problem? KeyProblem(GatePolicy policy, SigningKey? key, List<string> warnings)
    {
        var evidence = policy.Evidence;
        var checkedByGate = evidence.Required && policy.Checks.IsEnabled(RuleNames.Evidence);
        if (key is null)
        {
            if (!evidence.RequireSignature)
            {
                warnings.Add("the record is unsigned: the policy accepts that (evidence.require-signature: false), so anyone who can push notes and the ledger could have written it");
                return null;
            }

            if (checkedByGate)
            {
                return new Problem($"no signing key: the policy requires signed evidence, so the gate would block an unsigned record",
                    $"give the test job its private key: the PEM text in {SigningKeyVariable} (a CI secret) or --signing-key FILE; `changegate evidence keygen --output DIR` makes a key pair, whose public key goes into evidence.trusted-keys");
            }

            warnings.Add("the record is unsigned: the policy does not check evidence now, but would block it if it did (evidence.require-signature)");
            return null;
        }

        if (evidence.Keys.RevocationOf(key.KeyId) is { } revoked)
        {
            return new Problem($"the signing key {key.KeyId} is revoked in the policy ({revoked.Describe()}); the gate blocks everything it signs",
                "make a new key pair (`changegate evidence keygen --output DIR`), list its public key in evidence.trusted-keys, and give the test job the new private key");
        }

        if (evidence.Keys.Find(key.KeyId) is null)
        {
            var message = $"the signing key {key.KeyId} is not among the policy's evidence.trusted-keys, so the gate would block what it signs";
            if (checkedByGate)
            {
                return new Problem(message, "add its public key to evidence.trusted-keys in a reviewed change (`changegate evidence keygen` prints the entry), or sign with a trusted key");
            }

            warnings.Add(message);
        }

        return null;
    }

    private static Command Show(CliEnvironment environment)
    {
        var commit = CommitOption("The commit whose evidence to show");
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("show", CommandText.Describe(
            "Print the evidence recorded for a commit (after fetching the notes and the ledger from the remote): each record's results, files, working tree, signature and ledger anchor, and where the note and the ledger disagree. Exit 0 shown, 1 no evidence for the commit, 2 bad input.",
            "changegate evidence show",
            "changegate evidence show --commit v1.5.0 --format json"))
        {
            commit, format,
        };
        command.SetAction(parse => WithVerification(environment, parse, parse.GetValue(commit)!, (session, verification) =>
        {
            if (parse.GetValue(format) == "json")
            {
                environment.Output.WriteLine(EvidenceRenderer.Json(verification, Trust(session, verification)));
            }
            else
            {
                EvidenceRenderer.Show(environment.Console, verification, session.Ledger.Remote);
            }

            return verification.HasEvidence ? ExitCodes.Ok : ExitCodes.Blocked;
        }));
        return command;
    }

    private static Command Verify(CliEnvironment environment)
    {
        var commit = CommitOption("The commit whose evidence (or attestation) to verify");
        var attestation = BlankValues.Rejected(new Option<string?>("--attestation")
        {
            Description = "Verify this DSSE envelope (an in-toto test-result attestation) instead of the commit's note",
            HelpName = "FILE",
        }, "evidence.intoto.json");
        var command = new Command("verify", CommandText.Describe(
            "Check a commit's evidence with the policy's public keys (evidence.trusted-keys): every record readable, about this commit and tree, signed by a trusted key that is not revoked, and the note's records exactly the ledger's anchors, in chain order. With --attestation FILE, check a DSSE envelope instead: signed by a trusted key, an in-toto Statement v1 with the test-result predicate, about --commit. Exit 0 verified, 1 verification failed (no evidence, a forged, edited, deleted, unanchored or untrusted record; a tampered, replayed or untrusted attestation), 2 bad input (a malformed envelope, an unknown commit).",
            "changegate evidence verify",
            "changegate evidence verify --commit v1.5.0",
            "changegate evidence verify --attestation evidence.intoto.json --commit $GITHUB_SHA"))
        {
            commit, attestation,
        };
        command.SetAction(parse => parse.GetValue(attestation) is { } file
            ? VerifyAttestation(environment, parse, file, parse.GetValue(commit)!)
            : WithVerification(environment, parse, parse.GetValue(commit)!, (session, verification) =>
            {
                var untrusted = Trust(session, verification);
                EvidenceRenderer.Verified(environment.Console, verification, untrusted);
                return verification.HasEvidence && untrusted.Count == 0 ? ExitCodes.Ok : ExitCodes.Blocked;
            }));
        return command;
    }

    private static int VerifyAttestation(CliEnvironment environment, ParseResult parse, string file, string commitish) =>
        CommandSession.Run(environment, parse, session =>
        {
            var commit = CommitOf(session, commitish);
            if (!commit.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, commit.Problems);
            }

            var text = ReadSmallFile(Path.GetFullPath(file, environment.WorkingDirectory), file, "the envelope `changegate evidence export` wrote", DsseEnvelope.MaxBytes);
            if (!text.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, text.Problems);
            }

            var envelope = DsseEnvelope.Parse(text.Value, file);
            if (!envelope.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, envelope.Problems);
            }

            var (verified, rejected) = TestResultAttestation.Verify(envelope.Value, session.Policy.Evidence.Keys, commit.Value.Sha, commit.Value.Tree.Sha);
            EvidenceRenderer.Attestation(environment.Console, file, commit.Value.Sha, verified, rejected);
            return verified is null ? ExitCodes.Blocked : ExitCodes.Ok;
        });

    private static Command Export(CliEnvironment environment)
    {
        var commit = CommitOption("The commit whose evidence to export");
        var output = BlankValues.Rejected(new Option<string>("--output") { Description = "Where to write the DSSE envelope (JSON)", Required = true, HelpName = "FILE" }, "evidence.intoto.json");
        var url = BlankValues.Rejected(new Option<string?>("--url") { Description = "The CI run the results come from (default on GitHub Actions: the workflow run's URL)", HelpName = "URL" }, "https://ci.example.com/runs/42");
        var signingKey = SigningKeyOption();
        var command = new Command("export", CommandText.Describe(
            $"Write the commit's verified evidence as an in-toto attestation (Statement v1, predicate https://in-toto.io/attestation/test-result/v0.1, subject the commit's gitCommit and gitTree) in a DSSE envelope signed with the evidence key (--signing-key FILE or ${SigningKeyVariable}), for other tools in the supply chain. Only records that verify (trusted key, anchored in the ledger, in chain order) are exported. Exit 0 written, 1 the evidence does not verify, 2 bad input (no key, an unknown commit, an output that cannot be written).",
            "changegate evidence export --commit HEAD --output evidence.intoto.json",
            "changegate evidence export --commit $GITHUB_SHA --output attestation.json --signing-key ci.key.pem"))
        {
            commit, output, url, signingKey,
        };
        command.SetAction(parse =>
        {
            var target = Path.GetFullPath(parse.GetValue(output)!, environment.WorkingDirectory);
            if (OutputFile.Check(target, "pass --output", "evidence.intoto.json") is { } unusable)
            {
                return CommandSession.PrintProblems(environment, [unusable]);
            }

            var key = ReadSigningKey(environment, parse.GetValue(signingKey));
            if (!key.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, key.Problems);
            }

            using var signer = key.Value;
            if (signer is null)
            {
                return CommandSession.PrintProblems(environment, [new Problem("no signing key: an attestation is signed with the evidence key",
                    $"give the PEM private key in {SigningKeyVariable} (a CI secret) or pass --signing-key FILE")]);
            }

            return WithVerification(environment, parse, parse.GetValue(commit)!, (session, verification) =>
            {
                var evidence = session.Policy.Evidence;
                if (evidence.Keys.Find(signer.KeyId) is null)
                {
                    return CommandSession.PrintProblems(environment, [new Problem($"the signing key {signer.KeyId} is not among the policy's evidence.trusted-keys, so no verifier with this policy would accept the attestation",
                        "sign with a trusted key, or add this key's public key to evidence.trusted-keys in a reviewed change")]);
                }

                var statement = TestResultAttestation.Build(
                    verification,
                    new EvidenceRequirements { RequireSignature = evidence.RequireSignature, RequireCleanWorkingTree = evidence.RequireCleanTree },
                    session.Policy.Service,
                    parse.GetValue(url) ?? CiRunUrl(environment));
                if (!statement.IsSuccess)
                {
                    foreach (var problem in statement.Problems)
                    {
                        environment.ErrorConsole.MarkupLine($"[red]not exported:[/] {Safe.Markup(problem.Message)}");
                        environment.ErrorConsole.MarkupLine($"  [grey]fix:[/] {Safe.Markup(problem.Fix ?? "")}");
                    }

                    return ExitCodes.Blocked;
                }

                var envelope = TestResultAttestation.Sign(statement.Value, signer);
                if (OutputFile.Write(target, envelope.ToJson(), "pass --output", "evidence.intoto.json") is { } writeProblem)
                {
                    return CommandSession.PrintProblems(environment, [writeProblem]);
                }

                EvidenceRenderer.Exported(environment.Console, statement.Value, verification, signer.KeyId, parse.GetValue(output)!);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Restore(CliEnvironment environment)
    {
        var commit = CommitOption("The commit whose note to restore");
        var command = new Command("restore", CommandText.Describe(
            "Rewrite a commit's evidence note from the ledger: put back the signed records the ledger anchors (deleted from the note, or never published because a job stopped between the ledger and the note), and drop lines no anchor names (edited, forged, legacy). Push the note. Exit 0 restored or nothing to do, 2 bad input.",
            "changegate evidence restore",
            "changegate evidence restore --commit $GITHUB_SHA"))
        {
            commit,
        };
        command.SetAction(parse => CommandSession.Run(environment, parse, session =>
        {
            var actor = session.ResolveActor();
            if (!actor.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, actor.Problems);
            }

            var target = CommitOf(session, parse.GetValue(commit)!);
            if (!target.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, target.Problems);
            }

            var notes = SharedEvidenceNotes.Open(session.Ledger.Repository, session.Ledger.Remote, timeout: session.RemoteTimeout);
            if (!notes.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, notes.Problems);
            }

            var restored = EvidencePublisher.Restore(session.Ledger, notes.Value, target.Value.Sha, Author(actor.Value));
            if (!restored.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, restored.Problems);
            }

            var (note, back, dropped) = restored.Value;
            session.Console.MarkupLine(back == 0 && dropped == 0
                ? $"[green]✓[/] the note of {target.Value.Sha[..12]} already holds exactly the ledger's {note.Lines.Count} record{(note.Lines.Count == 1 ? "" : "s")}"
                : $"[green]✓[/] restored the note of {target.Value.Sha[..12]} from the ledger: {back} record{(back == 1 ? "" : "s")} put back, {dropped} line{(dropped == 1 ? "" : "s")} no anchor names dropped; it now holds {note.Lines.Count}{(session.Ledger.Remote is null ? "" : $" (pushed to {session.Ledger.Remote})")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Keygen(CliEnvironment environment)
    {
        var output = BlankValues.Rejected(new Option<string>("--output") { Description = "The directory to write NAME.key.pem (private) and NAME.pub.pem (public) into", Required = true, HelpName = "DIR" }, "keys");
        var name = BlankValues.Rejected(new Option<string>("--name") { Description = "The key's name: file names and the name in the policy", DefaultValueFactory = _ => "changegate-evidence", HelpName = "NAME" }, "ci-2026");
        var command = new Command("keygen", CommandText.Describe(
            $"Make an ECDSA P-256 key pair for signing evidence: NAME.key.pem (the private key: store it as the test job's CI secret {SigningKeyVariable}, then delete the file) and NAME.pub.pem (commit it and list it under evidence.trusted-keys; the command prints the entry). Existing files are never overwritten. Exit 0 written, 2 bad input.",
            "changegate evidence keygen --output keys",
            "changegate evidence keygen --output keys --name ci-2026"))
        {
            output, name,
        };
        command.SetAction(parse =>
        {
            var keyName = parse.GetValue(name)!;
            if (keyName.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\', ' ']) >= 0 || keyName.StartsWith('.'))
            {
                return CommandSession.PrintProblems(environment, [new Problem($"--name '{keyName}' cannot be a file name", "use letters, digits, '-' and '_', e.g. --name ci-2026")]);
            }

            var directory = Path.GetFullPath(parse.GetValue(output)!, environment.WorkingDirectory);
            var privatePath = Path.Combine(directory, keyName + ".key.pem");
            var publicPath = Path.Combine(directory, keyName + ".pub.pem");
            if (File.Exists(directory))
            {
                return CommandSession.PrintProblems(environment, [new Problem($"{parse.GetValue(output)} is a file, not a directory", "pass --output with a directory, e.g. --output keys")]);
            }

            var existing = new[] { privatePath, publicPath }.Where(File.Exists).ToList();
            if (existing.Count > 0)
            {
                return CommandSession.PrintProblems(environment, [new Problem($"{string.Join(" and ", existing)} already exist{(existing.Count == 1 ? "s" : "")}; a key is never overwritten", "pass another --name or --output, or delete the old files if they are really not needed")]);
            }

            using var key = SigningKey.Generate();
            try
            {
                Directory.CreateDirectory(directory);
                WritePrivate(privatePath, key.ExportPrivateKeyPem());
                File.WriteAllText(publicPath, key.ExportPublicKeyPem() + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CommandSession.PrintProblems(environment, [new Problem($"cannot write the key files into {directory}: {e.Message}", "pass --output with a directory you may write")]);
            }

            EvidenceRenderer.KeyMade(environment.Console, key.KeyId, keyName, privatePath, publicPath, environment.WorkingDirectory);
            return ExitCodes.Ok;
        });
        return command;
    }

    // Created with owner-only permissions before any byte of the key is written.
    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem + "\n");
    }

    /// <summary>The gate's reasons that concern trust (not results): what makes `verify` fail and `export` refuse.</summary>
    private static IReadOnlyList<EvidenceGateReason> Trust(CommandSession session, EvidenceVerification verification)
    {
        var evidence = session.Policy.Evidence;
        var decision = EvidenceGate.Evaluate(verification, [], new EvidenceRequirements { RequireSignature = evidence.RequireSignature, RequireCleanWorkingTree = false });
        return [.. decision.Reasons.Where(r => r.Code is not ("tests-failed" or "run-error" or "no-tests" or "affected-tests-missing"))];
    }

    /// <summary>Opens the session, fetches notes and ledger, verifies the commit's evidence and hands it to <paramref name="render"/>.</summary>
    private static int WithVerification(CliEnvironment environment, ParseResult parse, string commitish, Func<CommandSession, EvidenceVerification, int> render) =>
        CommandSession.Run(environment, parse, session =>
        {
            var commit = CommitOf(session, commitish);
            if (!commit.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, commit.Problems);
            }

            var head = session.Ledger.Read();
            if (!head.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, head.Problems);
            }

            var anchors = EvidenceAnchors.Read(session.Ledger.Repository, head.Value, commit.Value.Sha, session.Ledger.RefName);
            if (!anchors.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, anchors.Problems);
            }

            var notes = SharedEvidenceNotes.Open(session.Ledger.Repository, session.Ledger.Remote, timeout: session.RemoteTimeout);
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

            var verification = EvidenceVerifier.Verify(note.Value, commit.Value.Sha, commit.Value.Tree.Sha, commit.Value.Committer.When, session.Policy.Evidence.Keys, anchors.Value);
            return render(session, verification);
        });

    private static Result<Commit> CommitOf(CommandSession session, string commitish)
    {
        var info = Core.Rollouts.CommitInfo.Resolve(session.Ledger.Repository, commitish);
        return info.IsSuccess
            ? Result<Commit>.Ok(session.Ledger.Repository.Lookup<Commit>(info.Value.Sha))
            : Result<Commit>.Fail(info.Problems);
    }

    /// <summary>Opens the repository (not bare: evidence belongs to a checkout where tests ran); prints problems as exit 2.</summary>
    private static int WithRepository(CliEnvironment environment, ParseResult parse, Func<Repository, int> action)
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

            if (parse.GetValue(CommonOptions.Remote) is { } named && !RepositoryLocator.HasRemote(repository.Value, named))
            {
                var known = repository.Value.Network.Remotes.Select(r => r.Name).ToList();
                return CommandSession.PrintProblems(environment, [new Problem($"there is no git remote named '{named}'",
                    known.Count == 0 ? "add one with `git remote add origin URL`, or leave out --remote to keep evidence local" : $"known remotes: {string.Join(", ", known)}")]);
            }

            return action(repository.Value);
        }
    }

    private static Signature Author(string actor) =>
        new(actor, actor.Contains('@', StringComparison.Ordinal) ? actor : actor + "@changegate", DateTimeOffset.UtcNow);

    /// <summary>The workflow run on GitHub Actions; null elsewhere.</summary>
    private static string? CiRunUrl(CliEnvironment environment) =>
        environment.GetVariable("GITHUB_SERVER_URL") is { Length: > 0 } server
        && environment.GetVariable("GITHUB_REPOSITORY") is { Length: > 0 } repository
        && environment.GetVariable("GITHUB_RUN_ID") is { Length: > 0 } run
            ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}"
            : null;

    private static Result<string> ReadSmallFile(string path, string what, string expected, int maxBytes = MaxKeyFileBytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                return Result<string>.Fail(new Problem($"{what} is a directory, not a file", $"give {expected}"));
            }

            if (!info.Exists)
            {
                return Result<string>.Fail(new Problem($"{what}: no such file ({path})", $"give {expected}"));
            }

            if (info.Length > maxBytes)
            {
                return Result<string>.Fail(new Problem($"{what} is {info.Length} bytes, more than the {maxBytes} bytes such a file can have", $"give {expected}"));
            }

            return Result<string>.Ok(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result<string>.Fail(new Problem($"cannot read {what}: {e.Message}", "check that the file exists and may be read"));
        }
    }
}
