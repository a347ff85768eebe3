using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class DeploymentTargetsTests
{
    private static readonly NameVocabulary Targets = DefaultVocabularies.TargetNames;

    [Theory]
    [InlineData("server")]
    [InlineData("servers")]
    [InlineData("targetHost")]
    [InlineData("serverName")]
    [InlineData("hostAddresses")]
    [InlineData("IServerInfo")]
    [InlineData("primaryReplica")]
    [InlineData("Pods")]
    [InlineData("idcs")]
    [InlineData("GetNodes")]
    [InlineData("kr_regions")]
    public void The_head_of_the_name_is_a_target_word(string identifier) =>
        Assert.True(DeploymentTargets.IsTargetName(identifier, Targets), identifier);

    [Theory]
    [InlineData("serverLog")]
    [InlineData("serverLogs")]
    [InlineData("hostFiles")]
    [InlineData("ServerMonitor")]
    [InlineData("logFile")]
    [InlineData("Name")]
    [InlineData("Observer")]
    [InlineData("")]
    [InlineData(null)]
    public void Things_that_belong_to_a_target_are_not_targets(string? identifier) =>
        Assert.False(DeploymentTargets.IsTargetName(identifier, Targets), identifier);

    [Fact]
    public void Multi_word_target_entries_must_end_at_the_head()
    {
        Assert.True(NameVocabulary.TryParse("DataCenter", out var vocabulary));
        Assert.True(DeploymentTargets.IsTargetName("secondaryDataCenters", vocabulary));
        Assert.False(DeploymentTargets.IsTargetName("dataCenterAlerts", vocabulary));
    }

    [Fact]
    public void Types_collections_and_batches()
    {
        var snippet = CompiledSnippet.Compile("""
            using System.Collections.Generic;
            using System.Linq;
            public sealed class Server { }
            public interface IHostInfo { }
            public sealed class LogFile { }
            class C
            {
                void M(List<Server> fleet, string[] hostNames, List<LogFile> serverLogs, Server[][] waves, (string Name, Server Server)[] named)
                {
                    Use(fleet); Use(hostNames); Use(serverLogs); Use(waves); Use(fleet.Where(s => s != null).ToList()); Use(named);
                }

                void Use(object value) { }
            }
            """);
        var arguments = snippet.Operations<ArgumentSyntax>().Select(a => ((Microsoft.CodeAnalysis.Operations.IArgumentOperation)a).Value.WalkDownConversions()).ToList();

        Assert.True(DeploymentTargets.IsTargetCollection(arguments[0], Targets));  // element type Server
        Assert.True(DeploymentTargets.IsTargetCollection(arguments[1], Targets));  // named hostNames
        Assert.False(DeploymentTargets.IsTargetCollection(arguments[2], Targets)); // log files of servers
        Assert.False(DeploymentTargets.IsTargetCollection(arguments[3], Targets)); // batches of servers
        Assert.True(DeploymentTargets.IsTargetCollection(arguments[4], Targets));  // fleet.Where(...).ToList()
        Assert.True(DeploymentTargets.IsTargetCollection(arguments[6], Targets));  // (arguments[5] is the Where lambda) tuples that hold a server
        Assert.Equal("fleet", DeploymentTargets.NameOf(arguments[4]));

        Assert.True(DeploymentTargets.IsTargetType(snippet.Compilation.GetTypeByMetadataName("IHostInfo"), Targets));
        Assert.False(DeploymentTargets.IsTargetType(snippet.Compilation.GetSpecialType(SpecialType.System_String), Targets));
    }

    // The element of a constructed collection is read from its definition's, with the type arguments put in: it must be the
    // element the type's own interface list gives, for every shape (a type parameter, a fixed type, a generic over them,
    // nested and custom collections, non-generic ones).
    [Fact]
    public void The_element_of_a_constructed_collection_is_the_one_its_interfaces_give()
    {
        var snippet = CompiledSnippet.Compile("""
            using System.Collections;
            using System.Collections.Generic;
            using System.Collections.ObjectModel;
            public sealed class Server { }
            public sealed class Fixed<T> : List<Server> { }
            public sealed class Pairs<TKey, TValue> : List<KeyValuePair<TValue, TKey>> { }
            public sealed class Wrapped<T> : IEnumerable<List<T>>
            {
                public IEnumerator<List<T>> GetEnumerator() => null;
                IEnumerator IEnumerable.GetEnumerator() => null;
            }
            public sealed class Outer<T> { public sealed class Inner<U> : List<(T, U)> { } }
            public sealed class Plain<T> { }
            class C
            {
                List<Server> a; Dictionary<string, Server> b; HashSet<int> c; Queue<Server[]> d; ReadOnlyCollection<string> e;
                Fixed<int> f; Pairs<int, Server> g; Wrapped<Server> h; Outer<int>.Inner<Server> i; Plain<Server> j;
                IReadOnlyDictionary<Server, int> k; SortedList<int, List<Server>> l; Stack<Queue<Server>> m; KeyValuePair<int, Server> n;
            }
            """);
        var fields = snippet.Compilation.GetTypeByMetadataName("C")!.GetMembers().OfType<IFieldSymbol>().ToList();
        Assert.Equal(14, fields.Count);
        foreach (var field in fields)
        {
            ITypeSymbol? expected = null;
            foreach (var implemented in field.Type.AllInterfaces)
            {
                if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    expected = implemented.TypeArguments[0];
                    break;
                }
            }

            var actual = DeploymentTargets.ElementTypeOf(field.Type);
            Assert.True(SymbolEqualityComparer.Default.Equals(expected, actual), $"{field.Name}: {field.Type}: expected {expected}, got {actual}");
        }
    }
}
