using System.Diagnostics;

namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>The test frameworks the tiny project can be written for.</summary>
public enum TestFramework
{
    Xunit,
    NUnit,
    MSTest,
}

/// <summary>
/// Writes a tiny xunit, NUnit or MSTest project into a directory and runs the real
/// <c>dotnet test --logger trx</c> on it, so the evidence tests read a TRX the installed SDK
/// produced today (and, for NUnit, JUnit XML from the JunitXml.TestLogger package).
/// </summary>
public static class DotnetTestRun
{
    /// <summary>The tiny project's tests: 3 pass, 1 fails, 1 is skipped.</summary>
    public const string TestsSource = """
        using Xunit;

        public class RolloutTests
        {
            [Fact] public void CanaryComesFirst() => Assert.Equal("canary", "canary");
            [Fact] public void GasanFollowsPangyo() => Assert.Equal("gasan", "anyang");
            [Fact(Skip = "needs a second data centre")] public void FailoverExists() { }
            [Theory, InlineData(1), InlineData(2)] public void BakeHours(int hours) => Assert.True(hours > 0);
        }
        """;

    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <IsTestProject>true</IsTestProject>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>The same tests in NUnit: 3 pass, 1 fails, 1 is ignored.</summary>
    private const string NUnitSource = """
        using NUnit.Framework;

        public class RolloutTests
        {
            [Test] public void CanaryComesFirst() => Assert.That("canary", Is.EqualTo("canary"));
            [Test] public void GasanFollowsPangyo() => Assert.That("anyang", Is.EqualTo("gasan"));
            [Test, Ignore("needs a second data centre")] public void FailoverExists() { }
            [TestCase(1), TestCase(2)] public void BakeHours(int hours) => Assert.That(hours, Is.GreaterThan(0));
        }
        """;

    private const string NUnitProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <IsTestProject>true</IsTestProject>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="NUnit" Version="4.4.0" />
            <PackageReference Include="NUnit3TestAdapter" Version="5.2.0" />
            <PackageReference Include="JunitXml.TestLogger" Version="8.1.0" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>The same tests in MSTest: 3 pass, 1 fails, 1 is ignored.</summary>
    private const string MSTestSource = """
        using Microsoft.VisualStudio.TestTools.UnitTesting;

        [TestClass]
        public class RolloutTests
        {
            [TestMethod] public void CanaryComesFirst() => Assert.AreEqual("canary", "canary");
            [TestMethod] public void GasanFollowsPangyo() => Assert.AreEqual("gasan", "anyang");
            [TestMethod, Ignore("needs a second data centre")] public void FailoverExists() { }
            [DataTestMethod, DataRow(1), DataRow(2)] public void BakeHours(int hours) => Assert.IsTrue(hours > 0);
        }
        """;

    private const string MSTestProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <IsTestProject>true</IsTestProject>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="MSTest.TestAdapter" Version="3.11.1" />
            <PackageReference Include="MSTest.TestFramework" Version="3.11.1" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>Writes the tiny project <paramref name="projectName"/> under <paramref name="directory"/>.</summary>
    public static string WriteProject(string directory, string projectName, TestFramework framework = TestFramework.Xunit)
    {
        var projectDirectory = Path.Combine(directory, projectName);
        Directory.CreateDirectory(projectDirectory);
        var (project, source) = framework switch
        {
            TestFramework.NUnit => (NUnitProjectFile, NUnitSource),
            TestFramework.MSTest => (MSTestProjectFile, MSTestSource),
            _ => (ProjectFile, TestsSource),
        };
        File.WriteAllText(Path.Combine(projectDirectory, projectName + ".csproj"), project);
        File.WriteAllText(Path.Combine(projectDirectory, "RolloutTests.cs"), source);
        return projectDirectory;
    }

    /// <summary>Runs <c>dotnet test</c> on the project in <paramref name="projectDirectory"/> and returns the TRX path.</summary>
    /// <param name="projectDirectory">The project written by <see cref="WriteProject"/>.</param>
    /// <param name="resultsDirectory">Where the TRX goes.</param>
    /// <param name="trxName">The TRX file name.</param>
    /// <param name="extraArguments">More arguments, such as a --filter.</param>
    public static string Run(string projectDirectory, string resultsDirectory, string trxName, params string[] extraArguments)
    {
        var directory = Path.GetDirectoryName(projectDirectory)!;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "test", projectDirectory, "--logger", $"trx;LogFileName={trxName}", "--results-directory", resultsDirectory, "--disable-build-servers", "-nodeReuse:false" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        // This test host runs under dotnet test and may have registered MSBuild; the child picks its own.
        foreach (var name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet test did not finish in 5 minutes.");
        }

        var trx = Path.Combine(resultsDirectory, trxName);
        if (!File.Exists(trx))
        {
            throw new InvalidOperationException($"dotnet test exited {process.ExitCode} without writing {trx}:\n{output.Result}\n{error.Result}");
        }

        return trx;
    }

    private static bool IsInherited(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSBUILD", StringComparison.Ordinal)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase);
}
