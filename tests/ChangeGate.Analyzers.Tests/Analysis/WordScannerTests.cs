using ChangeGate.Analyzers.Analysis;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>The scanner finds exactly the places one IndexOf(OrdinalIgnoreCase) per word would (and ı, ſ as i, s).</summary>
public sealed class WordScannerTests
{
    private static readonly string[] Stems = { "updat", "upgrad", "install", "deploy", "migrat", "target", "unzip", "extract", "up" };

    // Every start of every word, by the framework's own comparison: what the scanner must equal.
    private static int[] Expected(string text, string[] words)
    {
        var positions = new SortedSet<int>();
        foreach (var word in words)
        {
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                positions.Add(at);
            }
        }

        return positions.ToArray();
    }

    [Theory]
    [InlineData("")]
    [InlineData("u")]
    [InlineData("class ServerUpdater { void InstallPackage(string targetDir) { } }")]
    [InlineData("UPDATE updated Updating uPdAtE")]
    [InlineData("upupdatupgrade")]                        // overlapping and adjacent words
    [InlineData("extrac extract extract_ EXTRACTION unzi")] // a word cut off at the end of the text is no match
    [InlineData("// Permission is granted to publish, copy, deploy\n\"\\u0075pdate\" caf\u00e9 \u212Aelvin")]
    public void Finds_what_IndexOf_finds(string text) => Assert.Equal(Expected(text, Stems), WordScanner.For(Stems).Positions(text));

    // ı and ſ have I and S as invariant upper case: some runtimes' OrdinalIgnoreCase (not .NET 10's) equate them with i and s.
    // A shortcut must never miss what a runtime's comparison finds, so the scanner reads them as i and s everywhere.
    [Fact]
    public void Dotless_i_and_long_s_count_as_i_and_s()
    {
        const string text = "\u0131nstall and \u0130nstall and \u017Fomething: \u0131nstallD\u0131r";
        var positions = WordScanner.For(Stems).Positions(text);
        Assert.Equal(new[] { 0, 35 }, positions);
        Assert.Subset(new SortedSet<int>(positions), new SortedSet<int>(Expected(text, Stems)));
        Assert.Equal(Expected(text.Replace('\u0131', 'i').Replace('\u017F', 's'), Stems), positions);
    }

    [Fact]
    public void Words_it_cannot_scan_fall_back_to_IndexOf_with_the_same_result()
    {
        string[] words = { "v2", "up", "é" };
        const string text = "V2Upgrade café v2 UP";
        Assert.Equal(Expected(text, words), WordScanner.For(words).Positions(text));
    }

    [Fact]
    public void A_large_generated_text_gives_the_same_places()
    {
        var random = new Random(42);
        var alphabet = "aAbdDeEgGiIlnNoOpPrRsStTuUxXyYz \n\u0131\u017F_.(";
        var chars = new char[200_000];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        var text = new string(chars) + "Update";
        Assert.Equal(Expected(text, Stems), WordScanner.For(Stems).Positions(text));
    }

    // Two word lists in one call: the leading group's places and everyone's, as two scans would find them.
    [Theory]
    [InlineData("ServerUpdater.InstallPackage(targetDir); unzip(); up")]
    [InlineData("installupdate UPGRADE extractor targets")]
    [InlineData("")]
    public void Reads_two_groups_in_one_call(string text)
    {
        foreach (var lead in new[] { 0, 1, 3, Stems.Length })
        {
            var all = WordScanner.For(Stems).Positions(text, lead, out var leading);
            Assert.Equal(Expected(text, Stems), all);
            Assert.Equal(Expected(text, Stems.Take(lead).ToArray()), leading);
        }

        string[] unscannable = { "v2", "update", "é" };
        var mixed = WordScanner.For(unscannable).Positions(text + " V2 café", 2, out var firstTwo);
        Assert.Equal(Expected(text + " V2 café", unscannable), mixed);
        Assert.Equal(Expected(text + " V2 café", unscannable.Take(2).ToArray()), firstTwo);
    }
}
