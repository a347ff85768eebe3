using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG3001 = Verify<RolloutLoopSwallowsFailureAnalyzer>;
using VerifyCG3002 = Verify<UnstagedFanOutAnalyzer>;

/// <summary>
/// "node" is a target word (a cluster's machines), but a node of a document or data structure (JsonNode, XmlNode, XNode,
/// SyntaxNode, TreeNode) is an element of that structure: a settings or profile migration that walks a JSON or XML tree and
/// upgrades each element is no rollout, whatever its loop variable is called. Machines named Node, ClusterNode or
/// ConfigServer stay targets.
/// </summary>
public sealed class DataModelNodeTests
{
    private const string Model = """
        using System;
        using System.Collections.Generic;

        namespace Docs
        {
            public abstract class JsonNode { }
            public abstract class XmlNode { public IEnumerable<XmlNode> ChildNodes => new List<XmlNode>(); }
            public class XNode { }
            public sealed class XElement : XNode { }
            public interface IYamlNode { }
            public sealed class ProfileEntry : IYamlNode { }
            public class EntryBase : IYamlNode { }
            public sealed class ThemeEntry : EntryBase { }          // a node through its base's interface
        }

        public sealed class ClusterNode { }
        public sealed class ConfigServer { }
        """;

    [Fact]
    public async Task A_migration_that_upgrades_every_element_of_a_document_is_no_rollout()
    {
        const string source = Model + """
            public sealed class ProfileMigration
            {
                public void Migrate(IEnumerable<Docs.JsonNode?> folders, Docs.XmlNode root, IEnumerable<Docs.XElement> elements, IEnumerable<Docs.ProfileEntry> entries, IEnumerable<Docs.ThemeEntry> themes)
                {
                    foreach (Docs.JsonNode? folder in folders) UpgradeFolder(folder);
                    foreach (var node in root.ChildNodes) UpgradeNode(node);
                    foreach (var node in elements) UpgradeNode(node);
                    foreach (var node in entries) UpgradeEntry(node);
                    foreach (var node in themes) UpgradeNode(node);
                }

                private static void UpgradeFolder(Docs.JsonNode? folder) { }
                private static void UpgradeNode(object node) { }
                private static void UpgradeEntry(Docs.ProfileEntry entry) { }
            }
            """;

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Machines_named_node_or_server_stay_targets()
    {
        const string source = Model + """
            public sealed class Fleet
            {
                public void Roll(IEnumerable<ClusterNode> clusterNodes, IEnumerable<ConfigServer> configServers, IEnumerable<string> nodes)
                {
                    {|CG3002:foreach (var node in clusterNodes)|} UpgradeNode(node);
                    {|CG3002:foreach (var server in configServers)|} UpgradeServer(server);
                    {|CG3002:foreach (var node in nodes)|} UpgradeNode(node);
                }

                private static void UpgradeNode(object node) { }
                private static void UpgradeServer(ConfigServer server) { }
            }
            """;

        await VerifyCG3002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_catch_in_a_walk_over_document_nodes_is_no_swallowed_rollout_failure()
    {
        const string source = Model + """
            public sealed class SettingsUpgrade
            {
                public void Apply(Docs.XmlNode root, IEnumerable<ClusterNode> nodes)
                {
                    foreach (var node in root.ChildNodes)
                    {
                        try { UpgradeSetting(node); }
                        catch (Exception e) { Console.WriteLine(e.Message); }
                    }

                    foreach (var node in nodes)
                    {
                        try { UpgradeNode(node); }
                        {|CG3001:catch (Exception e)|} { Console.WriteLine(e.Message); }
                    }
                }

                private static void UpgradeSetting(Docs.XmlNode node) { }
                private static void UpgradeNode(ClusterNode node) { }
            }
            """;

        await VerifyCG3001.AnalyzerAsync(source);
    }
}
