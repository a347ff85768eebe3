using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class UpdateStepsTests
{
    private const string Source = """
        using System;
        public interface IUpdateStep { void Apply(); }
        public sealed class UpdateStepAttribute : Attribute { }
        public sealed class Copy : IUpdateStep { public void Apply() { } public void RollbackAsync() { } }
        [UpdateStep] public sealed class Marked { public void Run() { } public void Rollbacks() { } }
        public sealed class ServerUpdater { public void ExecuteAsync() { } public void Downgrade() { } public void Downloads() { } }
        public sealed class Formatter { public void Apply() { } }
        public sealed class ServerUpgrade { public void ExecuteQuery() { } }
        public static class DeployTools { public static void Apply() { } }
        """;

    private static readonly CompiledSnippet Snippet = CompiledSnippet.Compile(Source);

    [Theory]
    [InlineData("Copy", true)]
    [InlineData("Marked", true)]
    [InlineData("ServerUpdater", true)]
    [InlineData("Formatter", false)]     // Apply outside update code
    [InlineData("ServerUpgrade", false)] // update code, but ExecuteQuery is not an apply member
    [InlineData("DeployTools", false)]   // static
    public void Recognizes_update_steps(string typeName, bool expected) =>
        Assert.Equal(expected, UpdateSteps.IsUpdateStep(Type(typeName), ChangeGateOptions.Default, new UpdateCodeClassifier()));

    [Theory]
    [InlineData("Copy", "RollbackAsync", true)]
    [InlineData("Marked", "Rollbacks", false)]  // Rollback must end at a word boundary
    [InlineData("ServerUpdater", "Downgrade", true)]  // a rollback word of its own
    [InlineData("ServerUpdater", "Downloads", false)] // Down runs on into another word
    public void Rollback_members_begin_with_a_whole_rollback_word(string typeName, string member, bool expected) =>
        Assert.Equal(expected, UpdateSteps.IsRollbackMember((IMethodSymbol)Type(typeName).GetMembers(member).Single(), ChangeGateOptions.Default));

    [Theory]
    [InlineData("Copy", "Apply")]
    [InlineData("Marked", "Run")]
    [InlineData("ServerUpdater", "ExecuteAsync")]
    public void Names_the_apply_member(string typeName, string expected) =>
        Assert.Equal(expected, UpdateSteps.ApplyMember(Type(typeName), ChangeGateOptions.Default)?.Name);

    [Theory]
    [InlineData("ICatalogFixup", "Interface", true)]
    [InlineData("IDataFixUp", "Interface", true)]
    [InlineData("IDataMigration", "Interface", true)]
    [InlineData("IMigrationRoutine", "Interface", true)]
    [InlineData("IUpgradeTask", "Interface", true)]
    [InlineData("IDatabasePatch", "Interface", true)]
    [InlineData("UpgradeTaskBase", "BaseClass", true)]
    [InlineData("FixupAttribute", "Attribute", true)]
    [InlineData("MigrationOrderAttribute", "Attribute", true)]
    [InlineData("MigrationOrderAttribute", "Interface", false)] // Order is a step noun for attributes only
    [InlineData("IUpgradeable", "Interface", false)]           // an adjective
    [InlineData("IMigrationService", "Interface", false)]      // a runner
    [InlineData("IMigrator", "Interface", false)]              // an agent
    [InlineData("IUpdateChecker", "Interface", false)]
    [InlineData("IReleaseLockStep", "Interface", false)]       // the update word is a false friend
    [InlineData("ICommand", "Interface", false)]
    public void Step_framework_names(string name, string kind, bool expected) =>
        Assert.Equal(expected, UpdateSteps.IsStepFrameworkName(name, Enum.Parse<StepContractKind>(kind), ChangeGateOptions.Default, new UpdateCodeClassifier()));

    private static INamedTypeSymbol Type(string name) => Snippet.Compilation.GetTypeByMetadataName(name)!;
}
