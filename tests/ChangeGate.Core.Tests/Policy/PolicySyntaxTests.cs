using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;

namespace ChangeGate.Core.Tests.Policy;

/// <summary>
/// YAML the parser chokes on is a syntax error at its place, never an exception: unclosed flow
/// collections (on which YamlDotNet throws InvalidOperationException) and nesting deep enough to
/// overflow the loader's stack.
/// </summary>
public sealed class PolicySyntaxTests
{
    private const string Head = "version: 1\nservice: s\n";

    private static Problem Single(string yaml)
    {
        var result = new PolicyReader(GateChecks.Names).Read(yaml, "changegate.yml");
        Assert.False(result.IsSuccess);
        return Assert.Single(result.Problems);
    }

    [Theory]
    // The shape from the fault matrix: a list opened with '[' and a block item on the next line.
    [InlineData("x: [a\n- b\n", 1, 4, "the '[' opened here is never closed with ']'", "targets: [eu-1, eu-2]")]
    [InlineData(Head + "stages:\n  - name: c\n    targets: [eu-1, eu-2\n  - name: d\n    targets: [x]\n", 5, 14, "the '[' opened here is never closed with ']'", "targets: [eu-1, eu-2]")]
    [InlineData(Head + "stages:\n  - name: c\n    targets: [eu-1, eu-2\n", 6, 1, "did not find expected ',' or ']'. (the '[' at line 5, column 14 is not closed)", "targets: [eu-1, eu-2]")]
    [InlineData(Head + "stages:\n  - name: c\n    targets: [h]\nfreeze:\n  - name: w\n    timezone: UTC\n    weekly: { from: \"fri 18:00\", to: \"mon 09:00\"\n  - name: z\n", 10, 4, "(the '{' at line 9, column 13 is not closed)", "weekly: { from:")]
    [InlineData(Head + "stages:\n  - name: c\n    targets: [h]\nfreeze:\n  - name: w\n    timezone: UTC\n    weekly: { from: \"fri 18:00\", to: \"mon 09:00\"\n", 10, 1, "(the '{' at line 9, column 13 is not closed)", "weekly: { from:")]
    public void An_unclosed_flow_collection_is_a_syntax_error_at_its_place(string yaml, int line, int column, string message, string fixExample)
    {
        var problem = Single(yaml);

        Assert.Equal(new SourceLocation("changegate.yml", line, column), problem.Location);
        Assert.StartsWith("not valid YAML: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains(fixExample, problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Thirty_thousand_nested_brackets_are_an_error_not_a_stack_overflow(string open, string close)
    {
        var yaml = "x: " + string.Concat(Enumerable.Repeat(open, 30_000)) + "1" + string.Concat(Enumerable.Repeat(close, 30_000)) + "\n";

        var problem = Single(yaml);

        Assert.Equal($"the policy nests lists and mappings more than {PolicyReader.MaxNesting} levels deep here", problem.Message);
        Assert.Equal(1, problem.Location!.Line);
        Assert.Contains("brackets that are opened and never closed", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_nesting_without_an_end_is_an_error_too()
    {
        var problem = Single("x: " + new string('[', 30_000) + "\n");

        Assert.Contains("more than", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_block_nesting_is_refused_at_the_line_that_goes_too_deep()
    {
        var lines = Enumerable.Range(0, 40).Select(depth => new string(' ', depth * 2) + "k:");
        var problem = Single(string.Join('\n', lines) + " 1\n");

        Assert.Contains("more than 32 levels", problem.Message, StringComparison.Ordinal);
        Assert.Equal(33, problem.Location!.Line);
    }
}
