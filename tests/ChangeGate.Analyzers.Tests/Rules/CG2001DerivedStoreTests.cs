using VerifyCG2001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UpdateStepWithoutRollbackAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Steps that change only a store the code names as derived data (a cache, a snapshot or state store, a projection, a read model,
/// a search index) have nothing to undo: the data is recomputed from a source of truth the step leaves alone. The store is named
/// by the receiver (its name or type), the call that opened it, or a store name written as a string; a store name that is not
/// derived, a state store named only by an identifier, or a lambda handed to the call leaves the step a change.
/// </summary>
public sealed class CG2001DerivedStoreTests
{
    // A document-database shape: collections opened by name, updates described by builders.
    private const string DocumentStore = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IDataMigration { Task UpdateAsync(CancellationToken ct); }
        public sealed class Doc { }
        public sealed class UpdateDefinition<T> { public UpdateDefinition<T> Unset(string field) => this; }
        public sealed class UpdateDefinitionBuilder<T>
        {
            public UpdateDefinition<T> Rename(string from, string to) => new();
            public UpdateDefinition<T> Set(string field, object value) => new();
            public UpdateDefinition<T> Unset(string field) => new();
        }
        public static class Updates<T> { public static UpdateDefinitionBuilder<T> Update { get; } = new(); }
        public interface IDocCollection<T>
        {
            Task UpdateManyAsync(string filter, UpdateDefinition<T> update, CancellationToken ct = default);
            Task DeleteManyAsync(string filter, CancellationToken ct = default);
            Task InsertManyAsync(IEnumerable<T> docs, CancellationToken ct = default);
            Task ForEachAsync(Func<T, Task> action, CancellationToken ct = default);
            IEnumerable<T> FindAll();
        }
        public interface IDocDatabase
        {
            IDocCollection<T> GetCollection<T>(string name);
            Task DropCollectionAsync(string name, CancellationToken ct = default);
            Task RenameCollectionAsync(string oldName, string newName, CancellationToken ct = default);
            Task<bool> CollectionExistsAsync(string name, CancellationToken ct = default);
        }

        """;

    [Fact]
    public async Task A_step_that_changes_only_collections_named_as_snapshots_caches_or_state_has_nothing_to_undo()
    {
        const string source = DocumentStore + """
            public sealed class DropOldOrderProjections(IDocDatabase db) : IDataMigration
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    await db.DropCollectionAsync("Projection_Orders", ct);
                    await db.DropCollectionAsync("thumbnail_cache", ct);
                }
            }

            public sealed class RenameInvoiceStateField(IDocDatabase db) : IDataMigration
            {
                public Task UpdateAsync(CancellationToken ct)
                {
                    var states = db.GetCollection<Doc>("States_Invoices");
                    var update = Updates<Doc>.Update.Rename("Amount", "Total");
                    return states.UpdateManyAsync("{}", update, ct);
                }
            }

            public sealed class RestructureTicketSnapshots(IDocDatabase database) : IDataMigration
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    if (await database.CollectionExistsAsync("TicketSnapshots_Draft", ct))
                    {
                        await database.DropCollectionAsync("TicketSnapshots", ct);
                        await database.RenameCollectionAsync("TicketSnapshots_Draft", "TicketSnapshots", ct);
                    }

                    var snapshots = database.GetCollection<Doc>("TicketSnapshots");
                    await snapshots.UpdateManyAsync("{}", Updates<Doc>.Update.Set("v", 2).Unset("legacy"), ct);
                }
            }

            public sealed class ClearCustomerReadModels(IDocDatabase database) : IDataMigration
            {
                public Task UpdateAsync(CancellationToken ct)
                {
                    var collections = new[] { "CustomerReadModel", "CustomerSearchIndex" }.Select(name => database.GetCollection<Doc>(name));
                    return Task.WhenAll(collections.Select(c => c.DeleteManyAsync("{}", ct)));
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_step_that_writes_to_stores_whose_names_or_types_say_cache_or_snapshot_has_nothing_to_undo()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public interface IUpgradeTask { Task RunAsync(CancellationToken ct); }
            public interface ISnapshotStore<T> { IAsyncEnumerable<T> ReadAllAsync(CancellationToken ct); Task WriteAsync(string key, T value, CancellationToken ct); Task ClearAsync(CancellationToken ct); }
            public interface IPriceCache { void Remove(string sku); void Put(string sku, decimal price); }
            public interface IKeyValue { void Delete(string key); }
            public sealed class ExportState { public string Key = ""; }
            public sealed class JobState { }

            public sealed class MoveExportsToJobs(ISnapshotStore<ExportState> exports, ISnapshotStore<JobState> jobs) : IUpgradeTask
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    await foreach (var export in exports.ReadAllAsync(ct))
                    {
                        await jobs.WriteAsync(export.Key, new JobState(), ct);
                    }

                    await exports.ClearAsync(ct);
                }
            }

            public sealed class DropStalePrices(IPriceCache prices) : IUpgradeTask
            {
                public Task RunAsync(CancellationToken ct)
                {
                    prices.Remove("legacy-sku");
                    return Task.CompletedTask;
                }
            }

            public sealed class ResetRenderedPages : IUpgradeTask
            {
                private readonly IKeyValue _pageCache;
                public ResetRenderedPages(IKeyValue pageCache) => _pageCache = pageCache;
                public Task RunAsync(CancellationToken ct)
                {
                    _pageCache.Delete("pages/*");
                    return Task.CompletedTask;
                }
            }

            public sealed class RebuildTileIndex : IUpgradeTask
            {
                public async Task RunAsync(CancellationToken ct)
                {
                    await RewriteAsync("tile_index", ct);
                    await RewriteAsync("States_Tiles", ct);
                }

                private static Task RewriteAsync(string collectionName, CancellationToken ct) => Task.CompletedTask;
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_step_that_changes_a_store_not_named_as_derived_is_still_reported()
    {
        const string source = DocumentStore + """
            public interface IStateStore { Task WriteAsync(string key, string value); }

            public sealed class {|CG2001:RenameOrderField|}(IDocDatabase db) : IDataMigration     // the orders are the source of truth
            {
                public Task UpdateAsync(CancellationToken ct)
                {
                    var orders = db.GetCollection<Doc>("Orders");
                    var update = Updates<Doc>.Update.Rename("Amount", "Total");
                    return orders.UpdateManyAsync("{}", update, ct);
                }
            }

            public sealed class {|CG2001:DropSnapshotsAndPayments|}(IDocDatabase db) : IDataMigration   // one of the two is not derived
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    await db.DropCollectionAsync("States_Orders", ct);
                    await db.DropCollectionAsync("Payments", ct);
                }
            }

            public sealed class {|CG2001:ResetWorkflowState|}(IStateStore stateStore) : IDataMigration  // state named only by an identifier
            {
                public Task UpdateAsync(CancellationToken ct) => stateStore.WriteAsync("workflow", "{}");
            }

            public sealed class {|CG2001:PurgeCustomersFromCacheDatabase|}(IDocDatabase cacheDb) : IDataMigration  // the store name wins
            {
                public Task UpdateAsync(CancellationToken ct) => cacheDb.GetCollection<Doc>("Customers").DeleteManyAsync("{}", ct);
            }

            public sealed class {|CG2001:ReplayIntoLedger|}(IDocDatabase db) : IDataMigration  // a lambda handed to the call may change anything
            {
                public Task UpdateAsync(CancellationToken ct)
                {
                    var cache = db.GetCollection<Doc>("ledger_cache");
                    var ledger = db.GetCollection<Doc>("Ledger");
                    return cache.ForEachAsync(d => ledger.InsertManyAsync(new[] { d }, ct), ct);
                }
            }

            public sealed class {|CG2001:ClearSnapshotsThenRewriteOrders|}(IDocDatabase db) : IDataMigration
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    await db.DropCollectionAsync("OrderSnapshots", ct);
                    await db.GetCollection<Doc>("Orders").UpdateManyAsync("{}", Updates<Doc>.Update.Unset("legacy"), ct);
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }
    // A builder call describes a change that another call executes; Task.WhenAll and Parallel only run what they are handed.
    // Neither is a change itself, but what they describe or run is judged.
    [Fact]
    public async Task Builders_and_task_combinators_are_no_changes_themselves_but_what_they_run_is()
    {
        const string source = DocumentStore + """
            public interface IShipmentStore { Task<int> CountAsync(string region); Task ArchiveAsync(string region); }

            public sealed class PlanFieldRename : IDataMigration                            // builds a plan, changes nothing
            {
                public Task UpdateAsync(CancellationToken ct)
                {
                    var plan = Updates<Doc>.Update.Rename("Sku", "ArticleNumber").Unset("Legacy");
                    Console.WriteLine(plan);
                    return Task.CompletedTask;
                }
            }

            public sealed class CountShipmentsPerRegion(IShipmentStore shipments) : IDataMigration   // waits for reads only
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    var counts = await Task.WhenAll(new[] { "eu", "us" }.Select(r => shipments.CountAsync(r)));
                    Console.WriteLine(counts.Sum());
                }
            }

            public sealed class RefreshRegionSnapshots(IDocDatabase db) : IDataMigration              // runs changes of snapshots only
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    var regions = new[] { "RegionSnapshots_Eu", "RegionSnapshots_Us" }.Select(n => db.GetCollection<Doc>(n));
                    await Parallel.ForEachAsync(regions, ct, async (region, token) => await region.DeleteManyAsync("{}", token));
                }
            }

            public sealed class {|CG2001:ArchiveAllRegions|}(IShipmentStore shipments) : IDataMigration
            {
                public Task UpdateAsync(CancellationToken ct) => Task.WhenAll(new[] { "eu", "us" }.Select(r => shipments.ArchiveAsync(r)));
            }

            public sealed class {|CG2001:ClearRegionsInParallel|}(IDocDatabase db) : IDataMigration
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    var regions = new[] { "Regions_Eu", "Regions_Us" }.Select(n => db.GetCollection<Doc>(n));
                    await Parallel.ForEachAsync(regions, ct, async (region, token) => await region.DeleteManyAsync("{}", token));
                }
            }

            public sealed class {|CG2001:ApplyPlannedRename|}(IDocDatabase db) : IDataMigration        // the builder's value changes the orders
            {
                public Task UpdateAsync(CancellationToken ct)
                {
                    var rename = Updates<Doc>.Update.Rename("Sku", "ArticleNumber");
                    return db.GetCollection<Doc>("Articles").UpdateManyAsync("{}", rename, ct);
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }
    // A step that copies a store into a new version of it (Orders into Orders2) and leaves the old one as it was keeps the
    // previous version's data: the new store is created, not changed. Edits of the in-memory copies of the records it reads and
    // values made by a static factory of their own type are no changes; the write back is judged.
    [Fact]
    public async Task A_step_that_copies_into_a_new_version_of_a_store_and_keeps_the_old_one_creates_what_is_absent()
    {
        const string source = DocumentStore + """
            public readonly struct CustomerKey
            {
                public static CustomerKey Create(string tenant, string id) => default;
                public static CustomerKey Parse(string text) => default;
            }

            public sealed class CopyOrdersWithTenant(IDocDatabase db) : IDataMigration
            {
                public Task UpdateAsync(CancellationToken ct)
                {
                    var source = db.GetCollection<Doc>("Orders");
                    var target = db.GetCollection<Doc>("Orders2");
                    return target.InsertManyAsync(source.FindAll(), ct);
                }
            }

            public sealed class SplitCustomerProfiles(IDocDatabase db) : IDataMigration
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    var oldProfiles = db.GetCollection<Dictionary<string, object>>("customer_profiles");
                    var newProfiles = db.GetCollection<Dictionary<string, object>>("customer_profiles_v2");
                    var copies = new List<Dictionary<string, object>>();
                    foreach (var profile in oldProfiles.FindAll())
                    {
                        var tags = (List<string>)profile["Tags"];
                        tags.Remove("legacy");
                        profile["Key"] = CustomerKey.Create("default", (string)profile["Id"]).ToString()!;
                        copies.Add(profile);
                    }

                    await newProfiles.InsertManyAsync(copies, ct);
                }
            }

            public sealed class MoveInvoicesToNewLayout(IDocDatabase db) : IDataMigration
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    var invoices = db.GetCollection<Doc>("Invoices").FindAll();
                    await db.GetCollection<Doc>("Invoices.New").DeleteManyAsync("{}", ct);
                    await db.GetCollection<Doc>("Invoices.New").InsertManyAsync(invoices, ct);
                }
            }

            public sealed class {|CG2001:CopyOrdersThenDropTheOldOnes|}(IDocDatabase db) : IDataMigration
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    await db.GetCollection<Doc>("Orders2").InsertManyAsync(db.GetCollection<Doc>("Orders").FindAll(), ct);
                    await db.DropCollectionAsync("Orders", ct);
                }
            }

            public sealed class {|CG2001:ArchiveOrders|}(IDocDatabase db) : IDataMigration         // Archive is no version of Orders
            {
                public Task UpdateAsync(CancellationToken ct) =>
                    db.GetCollection<Doc>("Archive").InsertManyAsync(db.GetCollection<Doc>("Orders").FindAll(), ct);
            }

            public sealed class {|CG2001:FoldOrders2BackIntoOrders|}(IDocDatabase db) : IDataMigration
            {
                public Task UpdateAsync(CancellationToken ct) =>
                    db.GetCollection<Doc>("Orders").InsertManyAsync(db.GetCollection<Doc>("Orders2").FindAll(), ct);
            }

            public sealed class {|CG2001:StripLegacyTagsInPlace|}(IDocDatabase db) : IDataMigration   // the edited copies go back
            {
                public async Task UpdateAsync(CancellationToken ct)
                {
                    var profiles = db.GetCollection<Dictionary<string, object>>("customer_profiles");
                    var edited = new List<Dictionary<string, object>>();
                    foreach (var profile in profiles.FindAll())
                    {
                        ((List<string>)profile["Tags"]).Remove("legacy");
                        edited.Add(profile);
                    }

                    await profiles.DeleteManyAsync("{}", ct);
                    await profiles.InsertManyAsync(edited, ct);
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    // An edit of a record's part is in memory only when the part is a collection or a document; a file, a directory or a client
    // reached from a record acts on the world. A static factory's value is a value; a static call of another kind is a change.
    [Fact]
    public async Task Parts_of_iterated_records_and_static_factories_change_nothing_but_files_clients_and_other_statics_do()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;

            public interface IFixupStep { void Run(); }
            public sealed class Tenant { public DirectoryInfo Home = new("/srv"); public List<string> Flags = new(); public IBillingClient Billing = null!; }
            public interface IBillingClient { List<string> Remove(string plan); }
            public sealed class Version2 { public static Version2 From(int major) => new(); }
            public static class Audit { public static void Record(string line) { } }

            public sealed class NormalizeTenantFlags : IFixupStep
            {
                private readonly List<Tenant> _tenants = new();
                public void Run()
                {
                    foreach (var tenant in _tenants)
                    {
                        var flags = tenant.Flags;
                        flags.Remove("beta");
                        System.Console.WriteLine(Version2.From(2));
                    }
                }
            }

            public sealed class Label { public string Code = ""; public List<string> Aliases = new(); public Dictionary<string, string> Meta = new(); }
            public readonly struct Sku { public static Sku Parse(string code) => default; }

            public sealed class PreviewLabelMerge : IFixupStep                      // edits in-memory copies and prints them
            {
                private readonly Label[] _labels = new Label[0];
                public void Run()
                {
                    foreach (var label in _labels)
                    {
                        label.Aliases.Clear();
                        var meta = label.Meta;
                        meta.Remove("obsolete");
                        var sku = Sku.Parse(label.Code);
                        System.Console.WriteLine(sku);
                    }
                }
            }

            public sealed class {|CG2001:RemoveTenantHomes|} : IFixupStep
            {
                private readonly List<Tenant> _tenants = new();
                public void Run()
                {
                    foreach (var tenant in _tenants)
                    {
                        tenant.Home.Delete(true);
                    }
                }
            }

            public sealed class {|CG2001:CancelTrialPlans|} : IFixupStep
            {
                private readonly List<Tenant> _tenants = new();
                public void Run()
                {
                    foreach (var tenant in _tenants)
                    {
                        tenant.Billing.Remove("trial");
                    }
                }
            }

            public sealed class {|CG2001:RecordTenantAudit|} : IFixupStep
            {
                public void Run() => Audit.Record("tenants normalized");
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }
    // Files and directories named as a cache or thumbnails hold derived data that is rebuilt when missing: deleting or moving
    // them is no change to undo. Every path the call is handed must say so (not the contents it writes).
    [Fact]
    public async Task A_step_that_deletes_or_moves_only_cache_and_thumbnail_files_has_nothing_to_undo()
    {
        const string source = """
            using System.IO;
            using System.Linq;

            public interface IUpgradeRoutine { void Perform(); }
            public interface IAppPaths { string CachePath { get; } string DataPath { get; } }

            public sealed class DropImageCache(IAppPaths paths) : IUpgradeRoutine
            {
                public void Perform() => Directory.Delete(Path.Combine(paths.CachePath, "images"), true);
            }

            public sealed class MoveThumbnailsToShards : IUpgradeRoutine
            {
                private const string ThumbnailRoot = "/var/lib/gallery/thumbnails";
                public void Perform()
                {
                    foreach (var file in Directory.GetFiles(ThumbnailRoot))
                    {
                        var name = Path.GetFileName(file);
                        Directory.CreateDirectory(Path.Combine(ThumbnailRoot, name.Substring(0, 1)));
                        File.Move(file, Path.Combine(ThumbnailRoot, name.Substring(0, 1), name));
                    }
                }
            }

            public sealed class PruneLegacyPreviewFolders(IAppPaths paths) : IUpgradeRoutine
            {
                private string PreviewCacheDir => Path.Combine(paths.DataPath, "previews-cache");
                public void Perform()
                {
                    var stale = Directory.GetDirectories(PreviewCacheDir).Where(d => d.Length < 40).ToList();
                    stale.AddRange(Directory.GetDirectories(PreviewCacheDir, "tmp*"));
                    foreach (var dir in stale)
                    {
                        Directory.Delete(dir, true);
                    }
                }
            }

            public sealed class {|CG2001:PromoteCachedDatabase|}(IAppPaths paths) : IUpgradeRoutine     // the destination is live data
            {
                public void Perform() => File.Move(Path.Combine(paths.CachePath, "db.sqlite"), Path.Combine(paths.DataPath, "db.sqlite"), true);
            }

            public sealed class {|CG2001:WriteSettingsFromCache|}(IAppPaths paths) : IUpgradeRoutine    // the contents say cache, the path does not
            {
                public void Perform()
                {
                    var cachedJson = File.ReadAllText(Path.Combine(paths.CachePath, "settings.json"));
                    File.WriteAllText(Path.Combine(paths.DataPath, "settings.json"), cachedJson);
                }
            }

            public sealed class {|CG2001:ResetLibrary|}(IAppPaths paths) : IUpgradeRoutine
            {
                public void Perform()
                {
                    Directory.Delete(Path.Combine(paths.CachePath, "library"), true);
                    Directory.Delete(Path.Combine(paths.DataPath, "library"), true);
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }
}
