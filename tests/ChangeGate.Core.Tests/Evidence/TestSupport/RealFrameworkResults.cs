using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>
/// Result files from real <c>dotnet test</c> runs, made once per test class, of the tiny project
/// written for NUnit and for MSTest, each with one failing test: their TRX, and for NUnit also the
/// JUnit XML of the JunitXml.TestLogger package (the same run, two loggers).
/// </summary>
public sealed class RealFrameworkResults : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "changegate-frameworks-" + Guid.NewGuid().ToString("N")[..12]);

    public RealFrameworkResults()
    {
        var results = Path.Combine(_directory, "results");
        var nunit = DotnetTestRun.WriteProject(_directory, "NUnitRollout.Tests", TestFramework.NUnit);
        NUnitJUnit = Path.Combine(results, "nunit-junit.xml");
        NUnitTrx = DotnetTestRun.Run(nunit, results, "nunit.trx", "--logger", $"junit;LogFilePath={NUnitJUnit}");
        var mstest = DotnetTestRun.WriteProject(_directory, "MSTestRollout.Tests", TestFramework.MSTest);
        MSTestTrx = DotnetTestRun.Run(mstest, results, "mstest.trx");
    }

    /// <summary>NUnit 4.4.0 with NUnit3TestAdapter 5.2.0: 3 passed, 1 failed, 1 ignored.</summary>
    public string NUnitTrx { get; }

    /// <summary>The same run through JunitXml.TestLogger 8.1.0.</summary>
    public string NUnitJUnit { get; }

    /// <summary>MSTest 3.11.1: 3 passed, 1 failed, 1 ignored.</summary>
    public string MSTestTrx { get; }

    public void Dispose() => TemporaryGitRepository.DeleteDirectory(_directory);
}
