using ChangeGate.Analyzers.Analysis;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>A scan from a start position finds exactly the places a whole-text scan finds at or after it.</summary>
public sealed class WordScannerStartTests
{
    private static readonly string[] Stems = { "updat", "upgrad", "install", "deploy", "extract", "up" };

    [Theory]
    [InlineData("// update\nclass ServerUpdater { void InstallPackage() { } } UPDATE")]
    [InlineData("upupdatupgrade \u0131nstall")]
    [InlineData("")]
    public void Finds_the_places_at_or_after_the_start(string text)
    {
        var scanner = WordScanner.For(Stems);
        var all = scanner.Positions(text, 2, out var allLeading);
        foreach (var start in new[] { -1, 0, 1, 3, 10, text.Length - 1, text.Length, text.Length + 5 })
        {
            var from = scanner.Positions(text, start, 2, out var leading);
            Assert.Equal(all.Where(p => p >= start).ToArray(), from);
            Assert.Equal(allLeading.Where(p => p >= start).ToArray(), leading);
        }

        Assert.NotEqual(text.Length > 0, all.Length == 0);
    }
}
