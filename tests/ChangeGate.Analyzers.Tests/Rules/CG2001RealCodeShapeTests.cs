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
    public async Task A_hosted_service_that_runs_an_update_at_start_up_is_a_runner_not_a_step()
    {
        const string source = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            // Stand-ins for Microsoft.Extensions.Hosting's BackgroundService and a home-grown timed base.
            public abstract class BackgroundService { protected abstract Task ExecuteAsync(CancellationToken stoppingToken); }
            public abstract class TimedHostedService { public abstract Task ExecuteAsync(); }
            public abstract class MaintenanceStep { public abstract Task ExecuteAsync(); }

            public sealed class AutoUpdateWorker : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) { File.Delete("/srv/app/old.dll"); return Task.CompletedTask; }
            }

            public sealed class NightlyUpgradeService : TimedHostedService
            {
                public override Task ExecuteAsync() { File.WriteAllText("/srv/app/schema", "v9"); return Task.CompletedTask; }
            }

            public sealed class {|CG2001:UpgradeSearchIndexStep|} : MaintenanceStep   // a step base's contract: still a step
            {
                public override Task ExecuteAsync() { File.WriteAllText("/srv/index/schema", "v9"); return Task.CompletedTask; }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_hosted_service_whose_base_does_not_bind_is_still_a_runner()
    {
        // A partial restore: Microsoft.Extensions.Hosting is missing, so BackgroundService and the override do not bind.
        const string source = """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class AutoUpdateHostedService : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) { File.Delete("/srv/app/old.dll"); return Task.CompletedTask; }
            }

            public sealed class {|CG2001:UpgradeCatalogStep|} : StepBase
            {
                public override Task ExecuteAsync() { File.Delete("/srv/app/catalog.db"); return Task.CompletedTask; }
            }
            """;

        var test = new ChangeGate.Analyzers.Tests.Verification.ChangeGateAnalyzerTest<ChangeGate.Analyzers.Rules.UpdateStepWithoutRollbackAnalyzer>
        {
            TestCode = source,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        await test.RunAsync();
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

    // A step whose only writes set fields of the records it loads from other fields of the same record (a sort key from the
    // title, a total from the lines, a date read back from the file the record names), then saves them, recomputes derived
    // data: running it again is its way back. A field converted from itself, a constant, or any other change beside it is not.
    [Fact]
    public async Task A_step_that_only_recomputes_derived_fields_of_the_records_it_saves_has_nothing_to_undo()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public interface ICatalogUpgradeTask { Task RunAsync(CancellationToken ct); }
            public sealed class Book { public string Title { get; set; } = ""; public string SortTitle { get; set; } = ""; public decimal Price { get; set; } }
            public sealed class Photo { public string RelativePath { get; set; } = ""; public DateTime TakenAt { get; set; } public bool Hidden { get; set; } }
            public sealed class Line { public decimal Price { get; set; } }
            public sealed class Order { public List<Line> Lines { get; } = new(); public decimal Total { get; set; } }
            public sealed class LibraryContext : IDisposable
            {
                public List<Book> Books { get; } = new();
                public Task<int> SaveChangesAsync(CancellationToken ct) => Task.FromResult(0);
                public void Remove(Book book) { }
                public void Dispose() { }
            }
            public interface ILibraryContextFactory { Task<LibraryContext> CreateContextAsync(CancellationToken ct); }
            public interface IPhotoStore { IEnumerable<Photo> All(); void Save(Photo photo); }
            public interface IFileClock { DateTime GetCreationTimeUtc(string path); }
            public interface IPathMap { string ExpandLibraryPath(string relative); }
            public interface IOrderStore { IEnumerable<(string Id, Order Order)> ReadAll(); Task WriteAsync(string id, Order order); }

            public sealed class RefreshSortTitles(ILibraryContextFactory factory) : ICatalogUpgradeTask
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    using var db = await factory.CreateContextAsync(ct);
                    foreach (var book in db.Books)
                    {
                        book.SortTitle = book.Title.Trim().ToUpperInvariant();
                    }

                    await db.SaveChangesAsync(ct);
                }
            }

            public sealed class RefreshPhotoDates(IPhotoStore photos, IFileClock clock, IPathMap paths) : ICatalogUpgradeTask
            {
                public Task RunAsync(CancellationToken ct)
                {
                    var watch = Stopwatch.StartNew();
                    foreach (var photo in photos.All())
                    {
                        var file = paths.ExpandLibraryPath(photo.RelativePath);
                        var created = clock.GetCreationTimeUtc(file);
                        photo.TakenAt = created;
                        photos.Save(photo);
                    }

                    Console.WriteLine(watch.Elapsed);
                    return Task.CompletedTask;
                }
            }

            public sealed class RecomputeOrderTotals(IOrderStore orders) : ICatalogUpgradeTask
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    foreach (var (id, order) in orders.ReadAll())
                    {
                        order.Total = order.Lines.Sum(l => l.Price);
                        await orders.WriteAsync(id, order);
                    }
                }
            }

            // The field is converted from itself: its old value is gone.
            public sealed class {|#0:RoundPrices|}(ILibraryContextFactory factory) : ICatalogUpgradeTask
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    using var db = await factory.CreateContextAsync(ct);
                    foreach (var book in db.Books)
                    {
                        book.Price = Math.Round(book.Price, 1);
                    }

                    await db.SaveChangesAsync(ct);
                }
            }

            // A derived field next to a constant: the constant overwrites what the user chose.
            public sealed class {|#1:UnhidePhotos|}(IPhotoStore photos, IPathMap paths, IFileClock clock) : ICatalogUpgradeTask
            {
                public Task RunAsync(CancellationToken ct)
                {
                    foreach (var photo in photos.All())
                    {
                        photo.TakenAt = clock.GetCreationTimeUtc(paths.ExpandLibraryPath(photo.RelativePath));
                        photo.Hidden = false;
                        photos.Save(photo);
                    }

                    return Task.CompletedTask;
                }
            }

            // A derived field next to a delete: the delete has no way back.
            public sealed class {|#2:DropUntitledBooks|}(ILibraryContextFactory factory) : ICatalogUpgradeTask
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    using var db = await factory.CreateContextAsync(ct);
                    foreach (var book in db.Books.ToList())
                    {
                        book.SortTitle = book.Title.ToUpperInvariant();
                        if (book.Title.Length == 0) db.Remove(book);
                    }

                    await db.SaveChangesAsync(ct);
                }
            }

            // The total is computed from the whole record (which holds the total): not a derived field we can tell apart.
            public sealed class {|#3:RepriceOrders|}(IOrderStore orders) : ICatalogUpgradeTask
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    foreach (var (id, order) in orders.ReadAll())
                    {
                        order.Total = Pricing.Of(order);
                        await orders.WriteAsync(id, order);
                    }
                }
            }

            public static class Pricing { public static decimal Of(Order order) => order.Total * 1.2m; }
            """;

        const string NoRollback = "it has no Rollback, Revert, Down, Undo or Downgrade member";
        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("RoundPrices", "RunAsync", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("UnhidePhotos", "RunAsync", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("DropUntitledBooks", "RunAsync", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(3).WithArguments("RepriceOrders", "RunAsync", NoRollback));
    }

    // Opening a session, asking another object for a value the step goes on with, and filling a list the step built itself
    // change nothing; a commit after inserts that only happen when nothing is there yet is part of that creation. An insert
    // with no such guard, a list handed to an Update call, an Import whose result is used, or a save of a new record are changes.
    [Fact]
    public async Task Sessions_queries_and_local_lists_are_no_changes_but_what_they_feed_may_be()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.IO;

            public interface IKioskUpgradeStep { void Apply(); }
            public sealed class Session : IDisposable
            {
                public int CountRows(string table) => 0;
                public void Insert(string table, string value) { }
                public void Commit() { }
                public void Dispose() { }
            }
            public interface ISessions { Session CreateSession(); }
            public interface IHomeDirs { string ExpandHome(string path); }
            public interface IFeedSettings { string[] Feeds { get; } void UpdateFeeds(string[] feeds); }
            public interface ILegacyImporter { int ImportAll(); }
            public sealed class Job { public string Name { get; set; } = ""; }
            public interface IJobs { void Save(Job job); }

            public sealed class SeedDefaultPrinter(ISessions sessions) : IKioskUpgradeStep
            {
                public void Apply()
                {
                    using var session = sessions.CreateSession();
                    var existingCount = session.CountRows("printers");
                    if (existingCount > 0)
                    {
                        return;
                    }

                    session.Insert("printers", "default");
                    session.Commit();
                }
            }

            public sealed class CreateMissingProfile(IHomeDirs homes) : IKioskUpgradeStep
            {
                public void Apply()
                {
                    var profile = homes.ExpandHome("~/.kiosk/profile.json");
                    if (!File.Exists(profile))
                    {
                        File.WriteAllText(profile, "{}");
                    }
                }
            }

            public sealed class ReportDuplicateFeeds(IFeedSettings settings) : IKioskUpgradeStep
            {
                public void Apply()
                {
                    var seen = new List<string>();
                    foreach (var feed in settings.Feeds)
                    {
                        if (seen.Contains(feed)) { Console.WriteLine("duplicate " + feed); continue; }
                        seen.Add(feed);
                    }
                }
            }

            public sealed class {|#0:SeedPrinterAlways|}(ISessions sessions) : IKioskUpgradeStep
            {
                public void Apply()
                {
                    using var session = sessions.CreateSession();
                    session.Insert("printers", "default");
                    session.Commit();
                }
            }

            public sealed class {|#1:DeduplicateFeeds|}(IFeedSettings settings) : IKioskUpgradeStep
            {
                public void Apply()
                {
                    var kept = new List<string>();
                    foreach (var feed in settings.Feeds)
                    {
                        if (kept.Contains(feed)) continue;
                        kept.Add(feed);
                    }

                    settings.UpdateFeeds(kept.ToArray());
                }
            }

            public sealed class {|#2:ImportLegacyKiosks|}(ILegacyImporter importer) : IKioskUpgradeStep
            {
                public void Apply()
                {
                    var imported = importer.ImportAll();
                    Console.WriteLine(imported);
                }
            }

            public sealed class {|#3:ScheduleCleanup|}(IJobs jobs) : IKioskUpgradeStep
            {
                public void Apply()
                {
                    var job = new Job { Name = "cleanup" };
                    jobs.Save(job);
                }
            }
            """;

        const string NoRollback = "it has no Rollback, Revert, Down, Undo or Downgrade member";
        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("SeedPrinterAlways", "Apply", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("DeduplicateFeeds", "Apply", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("ImportLegacyKiosks", "Apply", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(3).WithArguments("ScheduleCleanup", "Apply", NoRollback));
    }

    // The settings type comes from another project and does not bind: the emptiness check is read as written, and a save on
    // another object after nothing but a fill of what was absent is part of it. A check for presence is no guard.
    [Fact]
    public async Task A_fill_of_what_is_absent_is_recognized_when_the_settings_type_does_not_bind()
    {
        const string source = """
            public sealed class AddDefaultFeed : IMigrationRoutine
            {
                private readonly IFeedConfigManager _manager;
                public AddDefaultFeed(IFeedConfigManager manager) => _manager = manager;
                public void Perform()
                {
                    if (_manager.Current.Feeds.Length == 0)
                    {
                        _manager.Current.Feeds = new[] { new FeedInfo("default") };
                        _manager.SaveConfiguration();
                    }
                }
            }

            public sealed class AddDefaultGateway : IMigrationRoutine
            {
                private readonly INetConfigManager _manager;
                public AddDefaultGateway(INetConfigManager manager) => _manager = manager;
                public void Perform()
                {
                    if (_manager.Current.Gateway == null)
                    {
                        _manager.Current.Gateway = "10.0.0.1";
                        _manager.SaveConfiguration();
                    }
                }
            }

            public sealed class {|CG2001:ReplaceFeeds|} : IMigrationRoutine
            {
                private readonly IFeedConfigManager _manager;
                public ReplaceFeeds(IFeedConfigManager manager) => _manager = manager;
                public void Perform()
                {
                    if (_manager.Current.Feeds.Length > 0)
                    {
                        _manager.Current.Feeds = new[] { new FeedInfo("default") };
                        _manager.SaveConfiguration();
                    }
                }
            }

            public sealed class {|CG2001:ResetGateway|} : IMigrationRoutine
            {
                private readonly INetConfigManager _manager;
                public ResetGateway(INetConfigManager manager) => _manager = manager;
                public void Perform()
                {
                    _manager.Current.Gateway = "10.0.0.1";
                    _manager.SaveConfiguration();
                }
            }
            """;

        await VerifyCG2001.AnalyzerOnBrokenCodeAsync(source);
    }
}
