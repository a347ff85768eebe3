using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG2001 = Verify<UpdateStepWithoutRollbackAnalyzer>;

public sealed class CG2001UpdateStepWithoutRollbackTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        """;

    private const string Contracts = """

        public interface IUpdateStep { void Apply(); }
        public interface IReversibleStep : IUpdateStep { void Rollback(); }
        namespace Ops.Deployment { [AttributeUsage(AttributeTargets.Class)] public sealed class UpdateStepAttribute : Attribute { } }
        """;

    private static string Code(string body) => Usings + body + Contracts;

    [Fact]
    public async Task A_step_interface_implementation_without_a_rollback_is_reported_with_its_apply_member()
    {
        var source = Code("""
            public sealed class {|#0:CopyBinaries|} : IUpdateStep
            {
                public void Apply() => File.Copy("/staging/app.dll", "/srv/app/app.dll");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("CopyBinaries", "Apply", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_type_marked_UpdateStep_in_any_namespace_is_a_step()
    {
        var source = Code("""
            [Ops.Deployment.UpdateStep]
            public sealed class {|#0:RotateCertificates|}
            {
                public Task ExecuteAsync() => Task.CompletedTask;
            }

            [Ops.Deployment.UpdateStep]
            public sealed class RotateKeys
            {
                public void Execute() { }
                public void Revert() => Console.WriteLine("restoring the previous keys");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("RotateCertificates", "ExecuteAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task Update_code_that_declares_an_apply_member_is_a_step_but_other_types_with_Apply_are_not()
    {
        var source = Code("""
            public sealed class {|CG2001:ConfigUpgrader|}
            {
                public void Upgrade() => File.WriteAllText("/etc/app.conf", "v2");
            }

            public sealed class DiscountRule
            {
                public void Apply() { }
            }

            public sealed class DeploymentReport
            {
                public void Print() { }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_empty_rollback_is_no_rollback()
    {
        var source = Code("""
            public sealed class {|#0:AddCacheDirectory|} : IReversibleStep
            {
                public void Apply() => Directory.CreateDirectory("/srv/cache");
                public void Rollback() { }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("AddCacheDirectory", "Apply", "'Rollback' is empty"));
    }

    [Theory]
    [InlineData("throw new NotImplementedException();")]
    [InlineData("throw new NotSupportedException(\"cannot undo\");")]
    [InlineData("throw new InvalidOperationException();")]
    [InlineData("Console.WriteLine(\"no way back\"); throw new InvalidOperationException();")]
    public async Task A_rollback_that_always_throws_is_no_rollback(string rollbackBody)
    {
        var source = Code($$"""
            public sealed class {|#0:SwapSymlink|} : IReversibleStep
            {
                public void Apply() { }
                public void Rollback() { {{rollbackBody}} }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("SwapSymlink", "Apply", "'Rollback' always throws"));
    }

    [Fact]
    public async Task Rollbacks_that_undo_something_are_not_reported_whatever_their_exact_name()
    {
        var source = Code("""
            public sealed class SwapBinaries : IUpdateStep
            {
                public void Apply() => File.Move("/srv/app/app.dll", "/srv/app/app.dll.bak");
                public void RevertChanges() => File.Move("/srv/app/app.dll.bak", "/srv/app/app.dll", overwrite: true);
            }

            public sealed class WriteConfig : IReversibleStep
            {
                public void Apply() { }
                public void Rollback()
                {
                    if (!File.Exists("/etc/app.conf.bak"))
                    {
                        throw new InvalidOperationException("no backup to restore");
                    }

                    File.Copy("/etc/app.conf.bak", "/etc/app.conf", overwrite: true);
                }
            }

            public sealed class StopService : IUpdateStep
            {
                public void Apply() { }
                public void UndoAsync() => Console.WriteLine("start service");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Async_rollbacks_that_return_a_finished_task_are_empty()
    {
        var source = Code("""
            public sealed class {|#0:PublishPackage|} : IUpdateStep
            {
                public void Apply() { }
                public Task RollbackAsync() => Task.CompletedTask;
            }

            public sealed class {|#1:RegisterService|} : IUpdateStep
            {
                public void Apply() { }
                public async Task<bool> RollbackAsync() { await Task.CompletedTask; return true; }
            }

            public sealed class UnpackArchive : IUpdateStep
            {
                public void Apply() { }
                public async Task RollbackAsync() => await File.WriteAllTextAsync("/srv/app/version", "1.4.2");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("PublishPackage", "Apply", "'RollbackAsync' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("RegisterService", "Apply", "'RollbackAsync' is empty"));
    }

    [Fact]
    public async Task Explicit_interface_implementations_are_read_by_their_interface_names()
    {
        var source = Code("""
            public sealed class {|#0:FlipFeatureFlag|} : IReversibleStep
            {
                void IUpdateStep.Apply() { }
                void IReversibleStep.Rollback() { }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("FlipFeatureFlag", "Apply", "'Rollback' is empty"));
    }

    [Fact]
    public async Task An_empty_default_rollback_is_reported_once_where_it_is_declared()
    {
        var source = Code("""
            public abstract class {|#0:StepBase|} : IUpdateStep
            {
                public abstract void Apply();
                public virtual void Rollback() { }
            }

            public sealed class InheritsTheEmptyRollback : StepBase
            {
                public override void Apply() { }
            }

            public abstract class TemplateStep : IUpdateStep
            {
                public abstract void Apply();
            }

            public sealed class {|#1:ForgetsItsRollback|} : TemplateStep
            {
                public override void Apply() { }
            }

            public sealed class ProvidesItsRollback : TemplateStep
            {
                public override void Apply() { }
                public void Rollback() => Console.WriteLine("undo");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("StepBase", "Apply", "'Rollback' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("ForgetsItsRollback", "Apply", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task An_empty_or_throwing_default_rollback_of_a_step_interface_is_reported_once_on_the_interface()
    {
        var source = Code("""
            public interface {|#0:IUpgradeStep|}
            {
                void Upgrade();
                void Rollback() { }
            }

            public interface {|#1:IMigrationStep|}
            {
                void Apply();
                void Rollback() => throw new NotSupportedException("override me");
            }

            public sealed class AddIndex : IUpgradeStep
            {
                public void Upgrade() { }
            }

            public sealed class ReindexStep : IMigrationStep
            {
                public void Apply() { }
                public void Rollback() => Console.WriteLine("drop the index");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("IUpgradeStep", "Upgrade", "'Rollback' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("IMigrationStep", "Apply", "'Rollback' always throws"));
    }

    [Fact]
    public async Task Partial_rollback_members_are_read_from_their_implementation()
    {
        var source = Code("""
            public sealed partial class {|#0:SwapConfig|} : IUpdateStep
            {
                public void Apply() => File.Move("/srv/app.config", "/srv/app.config.bak");
                public partial void Rollback();
            }

            public sealed partial class SwapConfig
            {
                public partial void Rollback() { }
            }

            public sealed partial class MoveLogs : IUpdateStep
            {
                public void Apply() => File.Move("/srv/logs", "/srv/logs.bak");
                public partial void Rollback();
            }

            public sealed partial class MoveLogs
            {
                public partial void Rollback() => File.Move("/srv/logs.bak", "/srv/logs");
            }

            public sealed partial class {|#1:NeverImplemented|} : IUpdateStep
            {
                public void Apply() { }
                partial void Rollback();
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("SwapConfig", "Apply", "'Rollback' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("NeverImplemented", "Apply", "'Rollback' is empty"));
    }

    [Fact]
    public async Task Update_code_with_a_private_helper_or_another_interface_contract_named_like_apply_is_not_a_step()
    {
        // A rollout orchestrator's private Upgrade(server) helper, a WPF command and a scheduler job are not update steps:
        // a step's apply member is what a runner calls, and Execute here is ICommand's or IJob's contract.
        var source = Code("""
            using System.Collections.Generic;
            using System.Windows.Input;

            public interface IJob { Task Execute(object context); }

            public sealed class ServerUpdater
            {
                public void UpdateAll(List<string> servers) { foreach (var server in servers) Upgrade(server); }
                private void Upgrade(string server) { }
            }

            public sealed class UpdateSettingsCommand : ICommand
            {
                public event EventHandler? CanExecuteChanged;
                public bool CanExecute(object? parameter) => true;
                public void Execute(object? parameter) { }
            }

            public sealed class ReleaseNotesJob : IJob
            {
                public Task Execute(object context) => Task.CompletedTask;
            }

            public sealed class {|#0:DatabaseUpgrader|}
            {
                public void Upgrade() => File.WriteAllText("/srv/db/version", "2");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("DatabaseUpgrader", "Upgrade", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task Rollback_apply_and_interface_names_come_from_the_options()
    {
        var source = Code("""
            public interface IJob { void Run(); }

            public sealed class RestoresBackup : IUpdateStep
            {
                public void Apply() { }
                public void RestoreBackup() => Console.WriteLine("restore");
            }

            public sealed class {|#0:ReindexJob|} : IJob
            {
                public void Run() { }
                public void Rollback() => Console.WriteLine("not a rollback name any more");
            }
            """);

        await VerifyCG2001.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.rollback_names = Restore", "changegate.step_interfaces = IUpdateStep|IJob", "changegate.apply_names = Run" },
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("ReindexJob", "Run", "it has no Restore member"));
    }

    [Fact]
    public async Task Structs_are_steps_too_and_partial_steps_are_reported_where_the_apply_member_is()
    {
        var test = new ChangeGateAnalyzerTest<UpdateStepWithoutRollbackAnalyzer>();
        test.TestState.Sources.Add(("/Steps/ConfigStep.cs", Code("""
            public partial class ConfigStep : IUpdateStep
            {
                public string Path { get; } = "/etc/app.conf";
            }

            public struct {|CG2001:TouchMarker|} : IUpdateStep
            {
                public void Apply() => File.WriteAllText("/srv/app/.updated", "");
            }
            """)));
        test.TestState.Sources.Add(("/Steps/ConfigStep.Apply.cs", """
            public partial class {|CG2001:ConfigStep|}
            {
                public void Apply() { }
            }
            """));

        await test.RunAsync();
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        var test = new ChangeGateAnalyzerTest<UpdateStepWithoutRollbackAnalyzer>();
        test.TestState.Sources.Add(("/Generated/Steps.g.cs", Code("""
            // <auto-generated/>
            public sealed class GeneratedStep : IUpdateStep
            {
                public void Apply() { }
            }
            """)));

        await test.RunAsync();
    }

    [Fact]
    public async Task Migrations_are_left_to_CG2002()
    {
        var test = new ChangeGateAnalyzerTest<UpdateStepWithoutRollbackAnalyzer>
        {
            ReferenceAssemblies = MigrationPackages.Both,
            TestCode = """
                using Microsoft.EntityFrameworkCore.Migrations;

                public sealed class InitialMigration : Migration
                {
                    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.EnsureSchema("app");
                }

                public sealed class AddUsersMigration : FluentMigrator.ForwardOnlyMigration
                {
                    public override void Up() => Create.Table("users").WithColumn("id").AsInt32();
                }
                """,
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Broken_code_does_not_crash_the_analyzer_and_what_can_be_read_is_still_checked()
    {
        const string source = """
            public sealed class CopyStep : IUpdateStep
            {
                public void Apply() { Copy(
                public void Rollback() =>
            }

            [UpdateStep] class {|CG2001:Half|} : { void Execute() { } void Undo() { throw } }
            class {|CG2001:DeployerStep|} : Missing { public void Up() { } public void Down() { } }
            """;

        await VerifyCG2001.AnalyzerOnBrokenCodeAsync(source);
    }

    [Fact]
    public async Task The_severity_can_be_configured_off()
    {
        var source = Code("""
            public sealed class CopyBinaries : IUpdateStep
            {
                public void Apply() { }
            }
            """);

        await VerifyCG2001.AnalyzerWithOptionsAsync(source, new[] { "dotnet_diagnostic.CG2001.severity = none" }, Array.Empty<DiagnosticResult>());
    }
}
