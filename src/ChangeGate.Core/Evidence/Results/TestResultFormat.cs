namespace ChangeGate.Core.Evidence.Results;

/// <summary>The format of a test-result file.</summary>
public enum TestResultFormat
{
    /// <summary>Visual Studio test results (<c>dotnet test --logger trx</c>, vstest).</summary>
    Trx,

    /// <summary>JUnit XML (Maven Surefire, pytest, jest-junit, go-junit-report, gotestsum, ...).</summary>
    JUnit,
}
