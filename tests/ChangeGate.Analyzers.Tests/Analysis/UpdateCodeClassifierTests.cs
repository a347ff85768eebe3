using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class UpdateCodeClassifierTests
{
    private const string Source = """
        using System;

        interface IUpdateStep { void Apply(); }
        sealed class UpdateStepAttribute : Attribute { }

        class Tools
        {
            void UpdateServerFiles() { Marker(); }
            void ReadConfig() { Marker(); }
            [UpdateStep] void Refresh() { Marker(); }
            void Main() { void DeployLocally() { Marker(); } DeployLocally(); }
            void Outer() { Action a = () => Marker(); a(); }
            string ReleaseVersion { set { Marker(); } }
            static void Marker() { }
        }

        class ServerUpdater { void Run() { Marker(); } static void Marker() { } }
        class CopyStep : IUpdateStep { public void Apply() { Marker(); } static void Marker() { } }
        [UpdateStep] class Cleanup { void Run() { Marker(); } static void Marker() { } }
        class Plain { class Nested { void Run() { Marker(); } static void Marker() { } } }
        class DeploymentJobs { class Nested { void Run() { Marker(); } static void Marker() { } } }
        """;

    [Theory]
    [InlineData("UpdateServerFiles", true)]
    [InlineData("ReadConfig", false)]
    [InlineData("Refresh", true)]
    [InlineData("Main", true)] // the Marker() call sits inside the local function DeployLocally
    [InlineData("Outer", false)]
    [InlineData("set_ReleaseVersion", true)]
    public void Classifies_members_of_a_plain_type(string member, bool expected) =>
        Assert.Equal(expected, ClassifyMarkerIn("Tools", member));

    [Theory]
    [InlineData("ServerUpdater", "Run", true)]
    [InlineData("CopyStep", "Apply", true)]
    [InlineData("Cleanup", "Run", true)]
    [InlineData("Plain+Nested", "Run", false)]
    [InlineData("DeploymentJobs+Nested", "Run", true)]
    public void Classifies_members_by_their_types(string type, string member, bool expected) =>
        Assert.Equal(expected, ClassifyMarkerIn(type, member));

    private static bool ClassifyMarkerIn(string typeMetadataName, string memberName)
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var compilation = CSharpCompilation.Create(
            "Test",
            new[] { tree },
            TrustedPlatformReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var model = compilation.GetSemanticModel(tree);
        var type = compilation.GetTypeByMetadataName(typeMetadataName)!;
        var member = type.GetMembers(memberName).Single();
        var declaration = member.DeclaringSyntaxReferences.Single().GetSyntax();
        var call = declaration.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .First(i => i.Expression.ToString() == "Marker");
        var operation = (IInvocationOperation)model.GetOperation(call)!;

        return new UpdateCodeClassifier().IsUpdateCode(operation, member, ChangeGateOptions.Default);
    }
}
