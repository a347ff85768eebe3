using VerifyCG2001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UpdateStepWithoutRollbackAnalyzer>;
using VerifyCG3001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.RolloutLoopSwallowsFailureAnalyzer>;
using VerifyCG3002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnstagedFanOutAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Issue 9, items 3, 5 and 7 (docs/accuracy.md, classes 1 and T): steps of a home-grown step base whose name names no
/// update (a plan's actions with a template run member), runners that run the same member of each step, and rollouts over
/// targets named outside the target words — on invented code of other names and domains, found and not found.
/// </summary>
public sealed class StepAndTenantShapeTests
{
    private const string FleetFramework = """

        public sealed class Client
        {
            public void Flash(string image) { }
            public void Reboot() { }
            public string GetVersion() => "";
            public void Upload(string file) { }
        }

        public abstract class FleetOperation
        {
            public virtual void Run() => _Run();
            protected abstract void _Run();
            public virtual void Cancel() { }
        }

        public abstract class FleetOperationWithClient : FleetOperation
        {
            protected abstract void RunWithClient(ref Client client);
            protected sealed override void _Run() { var client = new Client(); RunWithClient(ref client); }
        }

        public abstract class DeviceOperation : FleetOperationWithClient
        {
            protected void Drain(ref Client client) { }
        }
        """;

    [Fact]
    public async Task A_step_of_a_plan_base_that_applies_an_update_with_no_way_back_is_reported()
    {
        const string source = """
            public class {|CG2001:InstallFirmwareOperation|} : DeviceOperation
            {
                private readonly string _image;
                public InstallFirmwareOperation(string image) => _image = image;

                protected override void RunWithClient(ref Client client)
                {
                    Drain(ref client);
                    client.Flash(_image);
                }
            }

            public class {|CG2001:ApplyBiosPatchOperation|} : FleetOperation
            {
                protected override void _Run() => new Client().Flash("bios.bin");
            }

            public class {|CG2001:UpgradeControllerOperation|} : RebootingOperation
            {
                protected override void RunWithClient(ref Client client) { client.Flash("ctl.bin"); client.Reboot(); }
            }

            public abstract class RebootingOperation : DeviceOperation { }
            """ + FleetFramework;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Steps_of_a_plan_base_that_check_stage_or_only_name_an_update_as_their_object_are_quiet()
    {
        const string source = """
            public class UploadFirmwareToGatewayOperation : DeviceOperation        // moves the image into staging
            {
                protected override void RunWithClient(ref Client client) => client.Upload("fw.bin");
            }

            public class PatchPrecheckOnDeviceOperation : DeviceOperation           // a check of the patch
            {
                protected override void RunWithClient(ref Client client) => client.Flash("probe");
            }

            public class RemoveUpdateImage : DeviceOperation                        // its verb is Remove: an update is its object
            {
                protected override void RunWithClient(ref Client client) => client.Flash("");
            }

            public class RebootDeviceOperation : DeviceOperation                    // no update in its name
            {
                protected override void RunWithClient(ref Client client) => client.Reboot();
            }

            public class UpgradeReportOperation : DeviceOperation                   // changes nothing: reads and logs
            {
                protected override void RunWithClient(ref Client client) => System.Console.WriteLine(client.GetVersion());
            }

            public abstract class UpgradeDeviceOperation : DeviceOperation { }     // abstract: its derived steps carry the verdict

            public abstract class ViewModelBase { protected abstract void ExecuteCore(); }
            public class UpdatePriceView : ViewModelBase                            // the base is no step base: no step noun
            {
                protected override void ExecuteCore() => new Client().Flash("x");
            }
            """ + FleetFramework;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_plan_that_runs_the_same_member_of_each_of_its_steps_is_a_runner_not_a_step()
    {
        const string source = """
            using System;
            using System.Collections.Generic;

            public sealed class RolloutStage { public string Name = ""; public void Execute() { } public void Verify() { } }
            public sealed class Shipper { public void Execute(string server) { } }

            public class DeploymentPipeline
            {
                private readonly List<RolloutStage> _stages = new();
                public void Execute()
                {
                    Each(stage =>
                    {
                        stage.Verify();
                        stage.Execute();
                    });
                }

                private void Each(Action<RolloutStage> action) { foreach (var s in _stages) action(s); }
            }

            public class ReleaseTrain
            {
                private readonly List<RolloutStage> _stages = new();
                public void Execute()
                {
                    foreach (var stage in _stages)
                    {
                        stage.Execute();
                    }
                }
            }

            public interface IUpdateStep { void Apply(); }

            public class {|CG2001:CompositeUpgradeStep|} : IUpdateStep      // declares itself a step: judged as one, composite or not
            {
                private readonly List<IUpdateStep> _children = new();
                public void Apply()
                {
                    foreach (var child in _children)
                    {
                        child.Apply();
                    }
                }
            }

            public class {|CG2001:DeploymentBatch|}                      // runs another object's Execute, not its elements': a step
            {
                private readonly Shipper _shipper = new();
                private readonly List<string> _servers = new();
                public void Execute()
                {
                    foreach (var server in _servers)
                    {
                        _shipper.Execute(server);
                    }
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_counted_loop_over_targets_of_an_unresolved_collection_is_a_rollout()
    {
        // The repository and the migrator's base come from packages the compilation cannot see: tenants is of no known type.
        const string source = """
            using System;
            using System.Collections.Generic;

            public class Customer : UnresolvedCustomerBase { public string Conn = ""; }
            public class CatalogDbMigrator : UnresolvedDbMigrator<int> { }

            public class MultiCustomerMigrateRunner
            {
                private readonly CatalogDbMigrator _migrator;
                private readonly IRepository<Customer> _tenantRepository;

                public bool Run()
                {
                    var done = new HashSet<string>();
                    var tenants = _tenantRepository.GetAllList(t => t.Conn != null);
                    {|CG3002:for (var i = 0; i < tenants.Count; i++)|}
                    {
                        var tenant = tenants[i];
                        Console.WriteLine(tenant.Name);
                        if (!done.Contains(tenant.Conn))
                        {
                            try
                            {
                                _migrator.CreateOrMigrateForTenant(tenant);
                            }
                            {|CG3001:catch (Exception ex)|}
                            {
                                Console.WriteLine(ex.ToString());
                            }

                            done.Add(tenant.Conn);
                        }
                    }

                    return true;
                }

                public void Others(UnresolvedInvoiceList invoices, UnresolvedTenant tenant)
                {
                    for (var i = 0; i < invoices.Count; i++)          // invoices are no targets
                    {
                        try { _migrator.MigrateInvoice(invoices[i]); } catch (Exception) { }
                    }

                    for (var i = 0; i < tenant.Length; i++)            // one tenant, not a collection of them
                    {
                        try { _migrator.MigrateShard(tenant, i); } catch (Exception) { }
                    }

                    var nodes = _tenantRepository.Nodes();
                    while (nodes.IsBusy)                               // not a count of the collection
                    {
                        try { _migrator.UpgradeNext(); } catch (Exception) { }
                    }
                }
            }
            """;

        await VerifyCG3002.AnalyzerOnBrokenCodeAsync(source.Replace("{|CG3001:catch (Exception ex)|}", "catch (Exception ex)"));
        await VerifyCG3001.AnalyzerOnBrokenCodeAsync(source.Replace("{|CG3002:", "").Replace("i++)|}", "i++)"));
    }

    [Fact]
    public async Task A_loop_whose_only_update_word_call_writes_a_trace_line_is_no_rollout()
    {
        // The product's trace facade lives in an update-named namespace, so its members are update code by place.
        const string source = """
            using System.Collections.Generic;

            namespace Contoso.PatchService
            {
                internal sealed class Node { public string Name = ""; }
                internal static class Trace
                {
                    public static void WriteInfo(string format, params object[] args) { }
                    public static void WriteNoise(string message) { }
                }
                internal static class FleetLogHelper
                {
                    public static void LogWarning(string message) { }
                }

                internal sealed class NodeStatusReconciler
                {
                    public bool Reconcile(List<Node> queryNodes, List<Node> known)
                    {
                        var changed = false;
                        foreach (var queryNode in queryNodes)
                        {
                            if (!known.Exists(n => n.Name == queryNode.Name))
                            {
                                Trace.WriteInfo("{0} is new", queryNode.Name);
                                FleetLogHelper.LogWarning(queryNode.Name);
                                changed = true;
                            }
                        }

                        return changed;
                    }

                    public void Roll(List<Node> nodes)
                    {
                        {|CG3002:foreach (var node in nodes)|}
                        {
                            Trace.WriteNoise("patching " + node.Name);
                            PatchNode(node);
                        }
                    }

                    private void PatchNode(Node node) { }
                }
            }
            """;

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_step_that_sends_its_own_work_to_each_element_is_no_runner()
    {
        // Same member name on each element, but the step hands it its own statement, not what it was given: it changes
        // every session's keyspace itself.
        const string source = """
            using System.Collections.Generic;

            public sealed class CqlSession { public void Execute(string cql) { } }

            public class {|CG2001:UpgradeTenantKeyspacesStep|}
            {
                private readonly List<CqlSession> _sessions = new();
                public void Execute()
                {
                    foreach (var session in _sessions)
                    {
                        session.Execute("ALTER TABLE orders ADD region text");
                    }
                }
            }

            public class UpgradeTrain                                     // hands each step only what it was given: a runner
            {
                private readonly List<UpgradeTenantKeyspacesStep> _steps = new();
                public void Execute()
                {
                    foreach (var step in _steps)
                    {
                        step.Execute();
                    }
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_log_named_store_that_takes_state_is_an_update_not_a_log_line()
    {
        const string source = """
            using System.Collections.Generic;

            namespace Contoso.PatchService
            {
                internal sealed class TenantDb { }
                internal static class SchemaVersionLog
                {
                    public static void Write(TenantDb db, int version) { }     // records the schema version in each tenant's store
                }

                internal sealed class TenantStamper
                {
                    public void Stamp(List<TenantDb> tenants)
                    {
                        {|CG3002:foreach (var tenant in tenants)|}
                        {
                            SchemaVersionLog.Write(tenant, 7);
                        }
                    }
                }
            }
            """;

        await VerifyCG3002.AnalyzerAsync(source);
    }
}
