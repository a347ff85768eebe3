using System.Text;
using ChangeGate.Core.Analysis.Sarif;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Inputs;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Inputs;

/// <summary>
/// The files a user names are read only when they are regular files of a sane size: a named pipe, a
/// device, a socket or a directory is refused before it is opened, and a file that grows past the cap
/// while it is read stops the read. Real FIFOs (mkfifo), real devices, real files.
/// </summary>
public sealed class InputFileTests : IDisposable
{
    private static readonly InputKind Small = new("test input", 100, "pass --input FILE");
    private readonly string _root = Directory.CreateTempSubdirectory("changegate-inputs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_regular_file_within_the_limit_is_read()
    {
        var path = Write("ok.txt", "hello");

        var read = InputFile.ReadAllBytes(path, "ok.txt", Small);

        Assert.True(read.IsSuccess, string.Join("; ", read.Problems));
        Assert.Equal("hello", Encoding.UTF8.GetString(read.Value));
    }

    [Fact]
    public void A_named_pipe_is_refused_without_opening_it()
    {
        var pipe = NamedPipe.Create(Path.Combine(_root, "pipe"));

        var read = NamedPipe.ReadWithoutHanging(pipe, () => InputFile.ReadAllBytes(pipe, "pipe", Small));

        var problem = Assert.Single(read.Problems);
        Assert.Equal("pipe is a named pipe (FIFO), not a test input: changegate reads only regular files and never waits on a pipe", problem.Message);
        Assert.Equal("save it as a regular file and name that: pass --input FILE", problem.Fix);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public void A_device_is_refused(string device)
    {
        var problem = InputFile.Check(device, device, Small);

        Assert.NotNull(problem);
        Assert.Equal($"{device} is a device, not a test input: changegate reads only regular files", problem.Message);
    }

    [Fact]
    public void A_symbolic_link_is_judged_by_what_it_points_at()
    {
        var toDevice = Path.Combine(_root, "zero.yml");
        File.CreateSymbolicLink(toDevice, "/dev/zero");
        var toFile = Path.Combine(_root, "file.yml");
        File.CreateSymbolicLink(toFile, Write("real.yml", "x"));

        Assert.Contains("is a device", InputFile.Check(toDevice, "zero.yml", Small)?.Message, StringComparison.Ordinal);
        Assert.Null(InputFile.Check(toFile, "file.yml", Small));
    }

    [Fact]
    public void A_directory_and_a_missing_file_are_named()
    {
        Assert.Equal($"{_root} is a directory, not a test input", InputFile.Check(_root, _root, Small)?.Message);
        Assert.Equal("no test input at nowhere.txt", InputFile.Check(Path.Combine(_root, "nowhere.txt"), "nowhere.txt", Small)?.Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        var path = Write("big.txt", new string('x', 101));

        var problem = InputFile.Check(path, "big.txt", Small);

        Assert.Equal("big.txt is 101 bytes; a test input may be at most 100 bytes", problem?.Message);
        Assert.Equal("check that this is the test input you meant; pass --input FILE", problem?.Fix);
    }

    [Fact]
    public void A_file_that_grows_past_the_limit_while_it_is_read_stops_the_read()
    {
        var path = Write("growing.txt", "start");
        var opened = InputFile.OpenRead(path, "growing.txt", Small);
        Assert.True(opened.IsSuccess);
        File.AppendAllText(path, new string('x', 500));

        using var stream = opened.Value;
        var error = Assert.Throws<IOException>(() => stream.CopyTo(Stream.Null));

        Assert.Equal("growing.txt is larger than that; a test input may be at most 100 bytes", error.Message);
    }

    [Fact]
    public void The_policy_reader_refuses_a_pipe_a_device_and_a_huge_file()
    {
        var reader = new PolicyReader(GateChecks.Names);
        var pipe = NamedPipe.Create(Path.Combine(_root, "changegate.yml"));
        var huge = Write("huge.yml", "# " + new string('x', 2 * 1024 * 1024) + "\n");

        var fromPipe = NamedPipe.ReadWithoutHanging(pipe, () => reader.ReadFile(pipe, "changegate.yml"));
        var fromDevice = reader.ReadFile("/dev/zero");
        var fromHuge = reader.ReadFile(huge, "huge.yml");

        Assert.StartsWith("changegate.yml is a named pipe (FIFO), not a policy file", Assert.Single(fromPipe.Problems).Message, StringComparison.Ordinal);
        Assert.StartsWith("/dev/zero is a device, not a policy file", Assert.Single(fromDevice.Problems).Message, StringComparison.Ordinal);
        Assert.Equal("huge.yml is 2 MiB; a policy file may be at most 1 MiB", Assert.Single(fromHuge.Problems).Message);
    }

    [Fact]
    public void The_sarif_reader_refuses_a_pipe_and_a_device()
    {
        var pipe = NamedPipe.Create(Path.Combine(_root, "build.sarif"));

        var fromPipe = NamedPipe.ReadWithoutHanging(pipe, () => SarifReader.Read([pipe], _root));
        var fromDevice = SarifReader.Read(["/dev/zero"], _root);

        Assert.StartsWith($"{pipe} is a named pipe (FIFO), not a SARIF file", Assert.Single(fromPipe.Problems).Message, StringComparison.Ordinal);
        Assert.StartsWith("/dev/zero is a device, not a SARIF file", Assert.Single(fromDevice.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sarif_reader_refuses_deep_nesting_at_its_place()
    {
        var path = Write("deep.sarif", "{\"version\":\"2.1.0\",\"runs\":" + new string('[', 30_000) + new string(']', 30_000) + "}");

        var problem = Assert.Single(SarifReader.Read([path], _root).Problems);

        Assert.StartsWith($"{path}:1:", problem.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
        Assert.Contains("depth", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_result_reader_refuses_a_pipe_and_a_device()
    {
        var pipe = NamedPipe.Create(Path.Combine(_root, "unit.trx"));

        var fromPipe = NamedPipe.ReadWithoutHanging(pipe, () => TestResultReader.Read(pipe));
        var fromDevice = TestResultReader.Read("/dev/zero");

        Assert.False(fromPipe.Succeeded);
        Assert.Equal($"{pipe}: this file is a named pipe (FIFO), not a test result file: changegate reads only regular files and never waits on a pipe", fromPipe.Error.ToProblem().Message);
        Assert.False(fromDevice.Succeeded);
        Assert.Equal("/dev/zero: this file is a device, not a test result file: changegate reads only regular files", fromDevice.Error.ToProblem().Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }
}
