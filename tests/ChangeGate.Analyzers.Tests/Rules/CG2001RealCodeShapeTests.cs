using VerifyCG2001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UpdateStepWithoutRollbackAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Shapes the real-code corpus (docs/accuracy.md) showed CG2001 getting wrong, on invented code of other names and domains,
/// found and not found: command-line commands that are entry points, steps that keep what they migrated from by moving it
/// aside, and step contracts whose one member is named Update or Install.
/// </summary>
public sealed class CG2001RealCodeShapeTests
{
    [Fact]
    public async Task A_command_line_command_with_an_update_name_is_an_entry_point_not_a_step()
    {
        const string source = """
            using System.IO;

            public abstract class Command { public abstract int Execute(string[] args); }
            public abstract class PSCmdletBase { public abstract void Execute(); }

            public sealed class DeployWebsiteCommand : Command
            {
                public override int Execute(string[] args) { File.WriteAllText("/srv/site/live.txt", args[0]); return 0; }
            }

            public sealed class InvokeServiceUpgrade : PSCmdletBase          // the overridden base is a command's (…CmdletBase)
            {
                public override void Execute() => File.WriteAllText("/srv/svc/version", "2");
            }

            public sealed class UpgradeDatabaseCmdlet
            {
                public void Execute() => File.WriteAllText("/srv/db/schema", "v9");
            }

            public sealed class UpgradeRequestHandler
            {
                public void Execute() => File.WriteAllText("/srv/db/schema", "v9");
            }

            public sealed class {|CG2001:UpgradeCatalogSchema|}                 // an update-named type with an apply member
            {
                public void Execute() => File.WriteAllText("/srv/catalog/schema", "v9");
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_step_that_moves_what_it_migrated_from_aside_keeps_its_way_back_but_a_late_copy_does_not()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            public interface IStoreMigration { void Run(); }
            public interface IDb { void Import(string legacyFile); void Execute(string sql); }

            public sealed class ImportLegacyOrders : IStoreMigration
            {
                private readonly IDb _db;
                public ImportLegacyOrders(IDb db) => _db = db;
                public void Run()
                {
                    _db.Import("/data/orders.sqlite");
                    File.Move("/data/orders.sqlite", "/data/orders.sqlite.old");       // the legacy store is kept
                }
            }

            public sealed class ImportLegacyInvoices : IStoreMigration
            {
                private readonly IDb _db;
                public ImportLegacyInvoices(IDb db) => _db = db;
                public void Run()
                {
                    _db.Import("/data/invoices.sqlite");
                    new FileInfo("/data/invoices.sqlite").MoveTo("/data/invoices.sqlite.bak");
                }
            }

            public sealed class {|CG2001:RewriteCustomerNotes|} : IStoreMigration
            {
                private readonly IDb _db;
                public RewriteCustomerNotes(IDb db) => _db = db;
                public void Run()
                {
                    _db.Execute("UPDATE notes SET body = trim(body)");
                    File.Copy("/data/notes.db", "/data/notes.db.bak");                 // a copy of the changed state: no way back
                }
            }

            public sealed class {|CG2001:RenameAttachments|} : IStoreMigration
            {
                private readonly IDb _db;
                public RenameAttachments(IDb db) => _db = db;
                public void Run()
                {
                    _db.Execute("UPDATE attachments SET path = lower(path)");
                    File.Move("/data/attachments.idx", "/data/attachments.index");     // a move, but not aside: a rename to the new name
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_step_contract_whose_one_member_is_Update_or_Install_is_a_home_grown_framework()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;

            public interface IMigration { Task UpdateAsync(CancellationToken ct); }
            public interface IPluginInstallStep { void Install(string pluginDir); }
            public interface IWidget { void Update(); }                          // no framework name: not a step contract
            public interface IEventStore { Task RewriteAsync(string from, string to, CancellationToken ct); }

            public sealed class {|CG2001:ConvertEventNames|} : IMigration
            {
                private readonly IEventStore _store;
                public ConvertEventNames(IEventStore store) => _store = store;
                public Task UpdateAsync(CancellationToken ct) => _store.RewriteAsync("OrderPlaced", "OrderCreated", ct);
            }

            public sealed class {|CG2001:RegisterPluginAssemblies|} : IPluginInstallStep
            {
                public void Install(string pluginDir) => System.IO.File.WriteAllText(pluginDir + "/plugins.json", "[]");
            }

            public sealed class ClockWidget : IWidget
            {
                public void Update() => System.IO.File.WriteAllText("/tmp/clock", "now");
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_step_that_fills_a_setting_only_while_it_is_empty_creates_what_is_absent()
    {
        const string source = """
            public sealed class ServerConfig { public string[] Mirrors { get; set; } = new string[0]; public int Port { get; set; } }
            public interface IConfigStore { ServerConfig Config { get; } void Save(); }
            public interface ISettingsFixup { void Run(); }

            public sealed class AddDefaultMirror : ISettingsFixup
            {
                private readonly IConfigStore _store;
                public AddDefaultMirror(IConfigStore store) => _store = store;
                public void Run()
                {
                    if (_store.Config.Mirrors.Length == 0)
                    {
                        _store.Config.Mirrors = new[] { "https://mirror.example.org" };
                        _store.Save();
                    }
                }
            }

            public sealed class {|CG2001:ReplaceMirrors|} : ISettingsFixup
            {
                private readonly IConfigStore _store;
                public ReplaceMirrors(IConfigStore store) => _store = store;
                public void Run()
                {
                    if (_store.Config.Mirrors.Length > 0)                 // overwrites what is there
                    {
                        _store.Config.Mirrors = new[] { "https://mirror.example.org" };
                        _store.Save();
                    }
                }
            }

            public sealed class {|CG2001:ResetPort|} : ISettingsFixup
            {
                private readonly IConfigStore _store;
                public ResetPort(IConfigStore store) => _store = store;
                public void Run() { _store.Config.Port = 8096; _store.Save(); }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }
}
