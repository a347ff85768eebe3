namespace ChangeGate.Analyzers.Tests.Robustness;

/// <summary>One odd input: one or more source files, compiled as a library unless <see cref="IsProgram"/>.</summary>
public sealed record OddSnippet(string Name, string[] Files, bool IsProgram = false);

/// <summary>
/// Code that every rule and code fix must survive: broken code, unusual syntax and the C# features a rule can trip
/// on. The snippets look like update and rollout code on purpose, so each rule gets deep into its analysis before
/// meeting the odd part. Fed to every rule by <see cref="OddInputCorpusTests"/>.
/// </summary>
public static class OddInputCorpus
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    public static IReadOnlyList<OddSnippet> All { get; } = new[]
    {
        One("missing braces", """
            class ServerUpdater
            {
                void UpdateServerFiles(string root)
                {
                    File.Delete(Path.Combine(root, "a.dll"));
                    foreach (var server in new[] { "a", "b" })
                    {
                        try { Deploy(server); } catch (Exception ex) { Console.WriteLine(ex);
                    File.WriteAllText(root, "x"
            """),
        One("unresolved types and methods", """
            class ServerUpdater
            {
                void UpdateServerFiles(Unknown root, IEnumerable<Missing> servers)
                {
                    File.Delete(root.Path);
                    Directory.Delete(NoSuchMethod(), true);
                    File.WriteAllText(root.Config, Render());
                    File.Copy(Source(), root.Target, overwrite: true);
                    foreach (var server in servers)
                    {
                        try { server.Deploy(); DeployTo(server); } catch (Exception) { }
                    }
                    Parallel.ForEach(servers, s => s.Upgrade());
                    Task.WhenAll(servers.Select(s => DeployAsync(s)));
                }
            }
            """),
        One("missing and extra arguments", """
            class ServerUpdater
            {
                void UpdateServerFiles(string path, string[] servers)
                {
                    File.Delete();
                    Directory.Delete(, true);
                    File.Copy(path);
                    File.Move(path);
                    File.Replace(path, path);
                    File.WriteAllText(path);
                    File.WriteAllText(path, "a", "b", "c", "d");
                    new FileStream(path, );
                    new FileStream(path, FileMode.Create, );
                    new StreamWriter();
                    Parallel.ForEach(servers);
                    Parallel.ForEach();
                    servers.ToList().ForEach();
                    Task.WhenAll();
                    Task.WhenAll(servers.Select());
                    Array.ForEach(servers, );
                }
            }
            """),
        One("error types in catch clauses", """
            class Rollout
            {
                void DeployAll(List<string> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server); }
                        catch (NoSuchException ex) { Console.WriteLine(ex); }
                        catch (Exception ex) when (ex is UnknownException) { }
                        catch (Exception ex) when (Undefined(ex)) { }
                        catch (Exception) { continue; }
                        catch { }
                    }
                }

                void DeployTo(string server) { }
            }
            """),
        One("catch clauses without System", """
            namespace NoSystem
            {
                class Rollout
                {
                    void DeployAll(string[] servers)
                    {
                        foreach (var server in servers)
                        {
                            try { DeployTo(server); } catch (Exception ex) { } catch { }
                        }
                    }

                    void DeployTo(string server) { }
                }
            }
            """, usings: false),
        One("default literals and null paths", """
            class ServerUpdater
            {
                void UpdateServerFiles(string[] servers)
                {
                    File.Delete(default);
                    File.Delete(null!);
                    File.Delete((string)null);
                    Directory.Delete(default, default);
                    File.WriteAllText(default, default);
                    File.WriteAllText(null, "x");
                    File.Copy(default, default, default);
                    File.Move(null, null);
                    File.Replace(default, default, default);
                    new FileStream(default, default);
                    new FileStream(null, default(FileMode), default(FileAccess));
                    new FileInfo(default).Delete();
                    new StreamWriter(default(string), default(bool));
                    Parallel.ForEach(default(string[]), default(Action<string>));
                    Task.WhenAll(default(IEnumerable<Task>));
                    Task.WhenAll(servers.Select(default(Func<string, Task>)));
                    servers.ToList().ForEach(null);
                    foreach (var server in default(string[]))
                    {
                        try { Deploy(server); } catch { }
                    }
                }

                void Deploy(string server) { }
            }
            """),
        One("dynamic", """
            class ServerUpdater
            {
                void UpdateServerFiles(dynamic path, dynamic servers, dynamic fs)
                {
                    File.Delete(path);
                    File.WriteAllText(path, path);
                    fs.File.Delete(path);
                    Directory.Delete(path, path);
                    foreach (dynamic server in servers)
                    {
                        try { server.Deploy(); Deploy(server); } catch (Exception) { }
                    }
                    Parallel.ForEach((IEnumerable<dynamic>)servers, s => Deploy(s));
                    Task.WhenAll(((IEnumerable<dynamic>)servers).Select(s => (Task)DeployAsync(s)));
                }

                void Deploy(dynamic server) { }
                Task DeployAsync(dynamic server) => Task.CompletedTask;
            }
            """),
        One("unsafe code and pointers", """
            unsafe class ServerUpdater
            {
                void UpdateServerFiles(char* name, int length, Server* servers, int count)
                {
                    var path = new string(name, 0, length);
                    File.Delete(path);
                    File.WriteAllText(new string(name), "x");
                    fixed (char* p = path)
                    {
                        File.Delete(new string(p));
                    }
                    for (var i = 0; i < count; i++)
                    {
                        try { Deploy(servers[i]); } catch { }
                    }
                    for (Server* server = servers; server < servers + count; server++)
                    {
                        try { Deploy(*server); } catch { }
                    }
                    delegate*<Server, void> deploy = &Deploy;
                    for (var i = 0; i < count; i++)
                    {
                        try { deploy(servers[i]); } catch { }
                    }
                }

                static void Deploy(Server server) { }
            }

            struct Server { public int Id; }
            """),
        One("top-level statements", """
            var servers = new List<string> { "a", "b" };
            File.Delete("/srv/app/app.dll");
            File.WriteAllText("/srv/app/app.config", "x");
            foreach (var server in servers)
            {
                try { DeployTo(server); }
                catch (Exception ex) { Console.WriteLine(ex); return; }
            }
            foreach (var server in servers)
            {
                try { DeployTo(server); }
                catch (Exception ex) { Console.WriteLine(ex); }
            }
            Parallel.ForEach(servers, DeployTo);
            await Task.WhenAll(servers.Select(s => DeployAsync(s)));
            UpdateFiles("/srv/app");

            void DeployTo(string server) => File.Delete(server);
            Task DeployAsync(string server) => Task.CompletedTask;
            void UpdateFiles(string root)
            {
                File.Delete(Path.Combine(root, "a"));
                Directory.Delete(root, true);
            }
            """, isProgram: true),
        One("top-level statements that are broken", """
            foreach (var server in servers
            {
                try { DeployTo(server) }
                catch (Exception ex) { return }
            File.Delete(
            void UpdateFiles(string root) => File.Delete(root
            """, isProgram: true),
        One("records and record structs", """
            [AttributeUsage(AttributeTargets.All)]
            sealed class UpdateStepAttribute : Attribute { }

            interface IUpdateStep { void Apply(); }

            record CopyBinaries(string Source, string Target) : IUpdateStep
            {
                public void Apply()
                {
                    File.Delete(Target);
                    File.Copy(Source, Target, overwrite: true);
                }
            }

            [UpdateStep]
            record struct ReleaseMarker(string Path)
            {
                public void Apply() => File.WriteAllText(Path, "released");
                public void Rollback() { }
            }

            record ServerUpdater(string Root)
            {
                public string Root { get; init; } = Root;
                public void Update() => Directory.Delete(Root, true);
            }

            sealed record Deployment(IReadOnlyList<Server> Servers)
            {
                public void Deploy()
                {
                    foreach (var server in Servers)
                    {
                        try { server.Upgrade(); } catch (Exception) { }
                    }
                }
            }

            record Server(string Name) { public void Upgrade() { } }
            """),
        One("primary constructors", """
            class ServerUpdater(string root, List<Server> servers)
            {
                public void UpdateServerFiles()
                {
                    File.Delete(Path.Combine(root, "app.dll"));
                    File.WriteAllText(root, "x");
                    foreach (var server in servers)
                    {
                        try { Upgrade(server); } catch (Exception ex) { Console.WriteLine(ex); }
                    }
                    servers.ForEach(s => Upgrade(s));
                }

                void Upgrade(Server server) { }
            }

            struct Installer(string target)
            {
                public void Install() => Directory.Delete(target, recursive: true);
            }

            class Server(string name) { public string Name => name; }
            """),
        new OddSnippet("partial classes across files", new[]
        {
            Usings + """
                interface IUpdateStep { void Apply(); }

                partial class SwapConfig : IUpdateStep
                {
                    public void Apply() => File.Move("/srv/app.config", "/srv/app.config.bak");
                    partial void Rollback();
                }

                partial class ServerUpdater
                {
                    partial void UpdateFiles(string root);
                    public void Run(string root) => UpdateFiles(root);
                }
                """,
            Usings + """
                partial class SwapConfig
                {
                    partial void Rollback() { }
                }

                partial class ServerUpdater
                {
                    partial void UpdateFiles(string root)
                    {
                        File.Delete(root);
                        File.WriteAllText(root, "x");
                    }
                }
                """,
            Usings + """
                partial class Deployer
                {
                    public void Deploy(List<string> servers)
                    {
                        foreach (var server in servers)
                        {
                            try { Install(server); } catch { }
                        }
                    }
                }
                """,
            Usings + """
                // <auto-generated/>
                partial class Deployer
                {
                    void Install(string server) => File.Delete(server);
                }
                """,
        }),
        One("local functions in lambdas and lambdas in local functions", """
            class Rollout
            {
                void Run(List<string> servers, string root)
                {
                    Action update = () =>
                    {
                        void UpdateFiles() => File.Delete(root);
                        UpdateFiles();
                        foreach (var server in servers)
                        {
                            try { Deploy(server); } catch { }
                        }
                    };

                    void DeployAll()
                    {
                        servers.ForEach(server =>
                        {
                            void Inner() { try { Deploy(server); } catch { return; } }
                            try { Deploy(server); } catch (Exception) { return; }
                            Inner();
                        });
                        Func<string, Task> upgrade = async s => { await Task.Yield(); File.WriteAllText(s, "x"); };
                        Parallel.ForEach(servers, s => { static void Install(string p) => File.Delete(p); Install(s); });
                    }

                    update();
                    DeployAll();
                }

                void Deploy(string server) { }
            }
            """),
        One("expression-bodied members, properties, indexers and events", """
            class ServerUpdater
            {
                string _root = "/srv";
                public string ReleaseVersion { set => File.WriteAllText(_root, value); }
                public bool Updated => Delete();
                public string this[string update] { get => update; set => File.Delete(value); }
                public event Action Updating { add => File.Delete(_root); remove => Directory.Delete(_root, true); }
                public ServerUpdater() => File.Delete(_root);
                ~ServerUpdater() => File.Delete(_root);
                public static ServerUpdater operator +(ServerUpdater a, string deploy) { File.Delete(deploy); return a; }
                public static implicit operator string(ServerUpdater u) => u._root;
                bool Delete() { File.Delete(_root); return true; }
                void Update() => File.Delete(this);
                void Upgrade() => _ = File.Exists(_root) ? Install() : throw new InvalidOperationException();
                int Install() { File.WriteAllText(this, "x"); return 0; }
                string Deploy => File.Exists(_root) ? _root : throw new InvalidOperationException(File.ReadAllText(_root));
            }
            """),
        One("field and property initializers, attributes and parameter defaults", """
            class ServerUpdater
            {
                static readonly bool Cleaned = Clean();
                readonly Lazy<bool> _deployed = new(() => { File.Delete("/srv/app.dll"); return true; });
                public bool Updated { get; } = Delete("/srv/x");
                [Obsolete(nameof(File.Delete))]
                void Update(string path = nameof(path), int count = sizeof(int)) => File.Delete(path);
                static bool Clean() { File.Delete("/tmp/x"); return true; }
                static bool Delete(string p) { File.Delete(p); return true; }
            }
            """),
        One("nameof", """
            class ServerUpdater
            {
                void UpdateServerFiles(string server)
                {
                    File.Delete(nameof(server));
                    File.WriteAllText(nameof(UpdateServerFiles), nameof(File.WriteAllText));
                    Console.WriteLine(nameof(File.Delete));
                    Action<string> delete = File.Delete;
                    delete(nameof(delete));
                    var servers = new[] { nameof(server) };
                    foreach (var host in servers)
                    {
                        try { Console.WriteLine(nameof(Deploy)); Deploy(host); } catch { }
                    }
                }

                void Deploy(string host) { }
            }
            """),
        One("generic methods and types", """
            interface IUpdateStep { void Apply(); }

            class Step<T> : IUpdateStep where T : class
            {
                public void Apply() { }
                public void Rollback<TState>(TState state) { }
            }

            class Deployer<TServer> where TServer : IServer
            {
                public void Deploy<TPath>(TPath path, IEnumerable<TServer> servers, List<TServer> list)
                {
                    File.Delete(path!.ToString()!);
                    File.WriteAllText(path.ToString()!, typeof(TPath).Name);
                    foreach (var server in servers)
                    {
                        try { server.Upgrade<TPath>(path); } catch (Exception) { }
                    }
                    Parallel.ForEach(servers, server => server.Upgrade(path));
                    list.ForEach(server => server.Upgrade(path));
                    Task.WhenAll(servers.Select(server => server.UpgradeAsync<int>()));
                }
            }

            interface IServer
            {
                void Upgrade<T>(T value);
                Task UpgradeAsync<T>();
            }
            """),
        One("extension methods", """
            static class ServerExtensions
            {
                public static void Deploy(this Server server) { }
                public static Task DeployAsync(this Server server) => Task.CompletedTask;
                public static void DeleteAll(this string path) => File.Delete(path);
                public static void UpdateFile(this string path) => path.DeleteAll();
                public static IEnumerable<Server> Servers(this Fleet fleet) => fleet.All;
            }

            class Fleet { public List<Server> All { get; } = new(); }
            class Server { }

            class Rollout
            {
                async Task DeployAll(Fleet fleet)
                {
                    foreach (var server in fleet.Servers().Where(s => s != null).ToList())
                    {
                        try { server.Deploy(); } catch { }
                    }
                    await Task.WhenAll(fleet.Servers().Select(ServerExtensions.DeployAsync));
                    await Task.WhenAll(Enumerable.Select(fleet.Servers(), s => s.DeployAsync()));
                    fleet.All.ForEach(ServerExtensions.Deploy);
                    "x".UpdateFile();
                }
            }
            """),
        One("using static", """
            using static System.IO.File;
            using static System.IO.Directory;
            using static System.Threading.Tasks.Parallel;
            using static System.Threading.Tasks.Task;

            class ServerUpdater
            {
                async Task UpdateServerFiles(string root, List<string> servers)
                {
                    Delete(root);
                    Delete(root, true);
                    WriteAllText(root, "x");
                    Copy(root, root + ".new", overwrite: true);
                    if (Exists(root)) Delete(root);
                    ForEach(servers, server => Deploy(server));
                    await WhenAll(servers.Select(server => DeployAsync(server)));
                }

                void Deploy(string server) { }
                Task DeployAsync(string server) => CompletedTask;
            }
            """),
        One("aliases", """
            using F = System.IO.File;
            using D = System.IO.Directory;
            using P = System.Threading.Tasks.Parallel;
            using Servers = System.Collections.Generic.List<string>;
            using Pair = (string Server, int Port);

            class ServerUpdater
            {
                void UpdateServerFiles(string root, Servers servers, Pair[] endpoints)
                {
                    F.Delete(root);
                    D.Delete(root, true);
                    F.WriteAllText(root, "x");
                    if (F.Exists(root)) { F.Delete(root); }
                    P.ForEach(servers, server => Deploy(server));
                    foreach (var (server, port) in endpoints)
                    {
                        try { Deploy(server); } catch (System.Exception) { }
                    }
                }

                void Deploy(string server) { }
            }
            """),
        One("named and reordered arguments", """
            class ServerUpdater
            {
                async Task UpdateServerFiles(string live, string staged, List<string> servers)
                {
                    File.Copy(overwrite: true, destFileName: live, sourceFileName: staged);
                    File.Copy(destFileName: live, sourceFileName: staged);
                    Directory.Delete(recursive: true, path: live);
                    File.Move(destFileName: live + ".bak", sourceFileName: live);
                    File.Delete(path: live);
                    File.WriteAllText(contents: "x", path: live);
                    await File.WriteAllTextAsync(cancellationToken: default, contents: "x", path: live);
                    File.Replace(destinationBackupFileName: null, destinationFileName: live, sourceFileName: staged);
                    using var stream = new FileStream(mode: FileMode.Create, path: live, access: FileAccess.Write);
                    using var writer = new StreamWriter(append: false, path: live);
                    Parallel.ForEach(body: server => Deploy(server), source: servers);
                    Array.ForEach(action: server => Deploy(server), array: servers.ToArray());
                    await Task.WhenAll(Enumerable.Select(selector: server => DeployAsync(server), source: servers));
                }

                void Deploy(string server) { }
                Task DeployAsync(string server) => Task.CompletedTask;
            }
            """),
        One("params and collection expressions", """
            class ServerUpdater
            {
                async Task UpdateServerFiles(string root, string a, string b)
                {
                    File.Delete(Path.Combine(root, a, b, "x", "y"));
                    File.Delete(Path.Join(root, a, b, "z"));
                    File.WriteAllLines(root, ["a", "b"]);
                    File.WriteAllLines(root, new[] { a, b });
                    List<string> servers = [a, b];
                    string[] hosts = [.. servers, "c"];
                    await Task.WhenAll(DeployAsync(a), DeployAsync(b));
                    await Task.WhenAll([DeployAsync(a), DeployAsync(b)]);
                    await Task.WhenAll(hosts.Select(DeployAsync).ToArray());
                    Task.WaitAll(servers.Select(DeployAsync).ToArray(), 1000);
                    Task.WaitAll(hosts.Select(DeployAsync));
                    foreach (var host in (string[])[.. hosts])
                    {
                        try { Deploy(host); } catch { }
                    }
                }

                void Deploy(string host) { }
                Task DeployAsync(string host) => Task.CompletedTask;
            }
            """),
        One("ref structs and spans", """
            class ServerUpdater
            {
                void UpdateServerFiles(ReadOnlySpan<char> root, Span<Server> servers, ReadOnlySpan<string> hosts)
                {
                    File.Delete(root.ToString());
                    File.WriteAllText(root.ToString(), root);
                    File.WriteAllBytes(root.ToString(), stackalloc byte[] { 1, 2 });
                    Span<char> buffer = stackalloc char[16];
                    File.Delete(new string(buffer));
                    File.Delete(Path.Join(root, "x".AsSpan()));
                    foreach (var server in servers)
                    {
                        try { server.Upgrade(); } catch { }
                    }
                    foreach (ref var server in servers)
                    {
                        try { server.Upgrade(); } catch { continue; }
                    }
                    for (var i = 0; i < hosts.Length; i++)
                    {
                        try { Deploy(hosts[i]); } catch { }
                    }
                }

                void Deploy(string host) { }
            }

            struct Server { public void Upgrade() { } }

            ref struct HostCursor
            {
                public Span<Server> Servers;
                public void Deploy() { foreach (var server in Servers) { try { server.Upgrade(); } catch { } } }
            }
            """),
        One("interpolated strings and raw strings", """"
            class ServerUpdater
            {
                void UpdateServerFiles(string root, int version)
                {
                    File.Delete($"{root}/app-{version}.dll");
                    File.Delete($$"""{{root}}/x""");
                    File.WriteAllText($"{root}/{Path.GetRandomFileName()}", $"{version:D4}");
                    File.Delete(@"C:\srv\app.dll");
                    File.Delete(""" /srv/app.dll """);
                    File.Delete(u8Bytes());
                }

                string u8Bytes() => System.Text.Encoding.UTF8.GetString("/srv/x"u8);
            }
            """"),
        One("switch, conditional and null-coalescing expressions", """
            class ServerUpdater
            {
                void UpdateServerFiles(string? live, string? fallback, int mode)
                {
                    File.Delete(live ?? fallback ?? throw new ArgumentNullException(nameof(live)));
                    File.Delete(mode switch { 0 => live!, 1 => fallback!, _ => Path.GetTempFileName() });
                    File.WriteAllText(mode > 0 ? live! : Path.GetTempFileName(), "x");
                    File.Delete(live is { Length: > 0 } path ? path : "");
                    File.Move(live!, fallback!, overwrite: mode is 1 or 2);
                    Directory.Delete(live!, recursive: mode > 0 && live != null);
                    new FileStream(live!, (FileMode)mode, mode == 0 ? FileAccess.Read : FileAccess.Write);
                    new FileStream(live!, (FileMode)99, (FileAccess)(-1));
                    new FileStream(live!, (FileMode)long.MaxValue);
                }
            }
            """),
        One("odd loops: deconstruction, await foreach, goto, labels, infinite loops", """
            class Rollout
            {
                async Task DeployAll(Dictionary<string, int> servers, IAsyncEnumerable<string> hosts, Queue<string> nodes)
                {
                    foreach (var (server, port) in servers)
                    {
                        try { Deploy(server); } catch { goto done; }
                    }
                    foreach (KeyValuePair<string, int> server in servers)
                    {
                        try { Deploy(server.Key); } catch { }
                    }
                    await foreach (var host in hosts)
                    {
                        try { Deploy(host); } catch (Exception) { }
                    }
                    await foreach (var host in hosts.ConfigureAwait(false))
                    {
                        try { Deploy(host); } catch (Exception) { }
                    }
                    for (;;)
                    {
                        try { Deploy(nodes.Dequeue()); } catch { }
                    }
                    while (nodes.TryDequeue(out var node))
                    {
                        try { Deploy(node); } catch { }
                    }
                    do
                    {
                        try { Deploy(nodes.Peek()); } catch { }
                    }
                    while (nodes.Count > 0);
                    retry:
                    foreach (var server in servers.Keys)
                    {
                        try { Deploy(server); } catch { goto retry; }
                    }
                    done:
                    return;
                }

                void Deploy(string server) { }
            }
            """),
        One("iterators and yield", """
            class Rollout
            {
                IEnumerable<string> DeployAll(List<string> servers)
                {
                    foreach (var server in servers)
                    {
                        try { Deploy(server); } catch { yield break; }
                        yield return server;
                    }
                }

                async IAsyncEnumerable<string> UpgradeAll(List<string> servers)
                {
                    foreach (var server in servers)
                    {
                        string? result = null;
                        try { Deploy(server); result = server; } catch { }
                        await Task.Yield();
                        if (result != null) yield return result;
                    }
                }

                IEnumerable<int> UpdateFiles(string root)
                {
                    File.Delete(root);
                    yield return 1;
                    File.WriteAllText(root, "x");
                }

                void Deploy(string server) { }
            }
            """),
        One("nested catches, finally and throw expressions", """
            class Rollout
            {
                void DeployAll(List<string> servers)
                {
                    foreach (var server in servers)
                    {
                        try
                        {
                            try { Deploy(server); }
                            catch (Exception inner)
                            {
                                try { Rollback(server); } catch { }
                                _ = inner ?? throw new InvalidOperationException();
                            }
                            finally { Deploy(server); }
                        }
                        catch
                        {
                            switch (server)
                            {
                                case "a": break;
                                default: continue;
                            }
                        }
                    }
                }

                void Deploy(string server) { }
                void Rollback(string server) { }
            }
            """),
        One("catches in parallel loops with loop state and cancellation", """
            class Rollout
            {
                async Task DeployAll(List<string> servers, CancellationTokenSource cts)
                {
                    Parallel.ForEach(servers, (server, state) =>
                    {
                        try { Deploy(server); } catch { state.Stop(); }
                    });
                    Parallel.ForEach(servers, (server, state, index) =>
                    {
                        try { Deploy(server); } catch { }
                    });
                    Parallel.ForEach(servers, new ParallelOptions { MaxDegreeOfParallelism = 2 }, server =>
                    {
                        try { Deploy(server); } catch { cts.Cancel(); }
                    });
                    await Parallel.ForEachAsync(servers, cts.Token, async (server, token) =>
                    {
                        try { await DeployAsync(server); } catch (Exception) { }
                    });
                    await Parallel.ForEachAsync(servers, async (server, token) =>
                    {
                        try { await DeployAsync(server); } catch (Exception) { return; }
                    });
                    Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(servers), server => Deploy(server));
                    Parallel.For(0, servers.Count, i => { try { Deploy(servers[i]); } catch { } });
                }

                void Deploy(string server) { }
                Task DeployAsync(string server) => Task.CompletedTask;
            }
            """),
        One("LINQ query syntax and WhenAll shapes", """
            class Rollout
            {
                async Task DeployAll(List<Server> servers, Server[][] waves)
                {
                    await Task.WhenAll(from server in servers select DeployAsync(server));
                    await Task.WhenAll(from server in servers where server != null let name = server.Name select DeployAsync(server));
                    var tasks = new List<Task>();
                    foreach (var server in servers) tasks.Add(DeployAsync(server));
                    await Task.WhenAll(tasks);
                    IEnumerable<Task> lazy = servers.Select(DeployAsync);
                    lazy = lazy.Concat(lazy);
                    await Task.WhenAll(lazy);
                    await Task.WhenAll(waves.SelectMany(w => w).Select(DeployAsync));
                    foreach (var wave in waves)
                    {
                        await Task.WhenAll(wave.Select(DeployAsync));
                    }
                    var t = Task.WhenAll<int>(servers.Select(s => Task.FromResult(1)));
                    await Task.WhenAny(servers.Select(DeployAsync));
                }

                Task DeployAsync(Server server) => Task.CompletedTask;
            }

            class Server { public string Name { get; set; } = ""; }
            """),
        One("update steps with odd members", """
            [AttributeUsage(AttributeTargets.All)]
            sealed class UpdateStepAttribute : Attribute { }

            interface IUpdateStep { void Apply(); void Rollback() { } }
            interface IUpgradeStep { void Execute(); }

            abstract class StepBase : IUpdateStep
            {
                public abstract void Apply();
                public virtual void Rollback() => throw new NotSupportedException();
            }

            class A : StepBase { public override void Apply() { } }
            class B : StepBase { public override void Apply() { } public override void Rollback() => base.Rollback(); }
            class C : IUpgradeStep { public void Execute() { } public Action Rollback = () => { }; }
            class D : IUpgradeStep { public void Execute() { } public Action Revert { get; } = () => { }; }
            class E : IUpgradeStep { public void Execute() { } public extern void Rollback(); }
            class F : IUpgradeStep { void IUpgradeStep.Execute() { } static void Rollback() { } }
            class G : IUpgradeStep { public void Execute() { } public void Rollback() { return; throw new Exception(); } }
            class H : IUpgradeStep { public void Execute() { } public void Rollback() { if (true) throw new NotImplementedException(); } }
            class I : IUpgradeStep { public void Execute() { } public void Rollback() => throw null!; }
            class J : IUpgradeStep { public void Execute() { } public Task RollbackAsync() => Task.FromResult(Task.CompletedTask); }
            class K : IUpgradeStep { public void Execute() { } public ValueTask<int> UndoAsync() => new ValueTask<int>(); }
            class L : IUpgradeStep { public void Execute() { } public void Rollback() { { ; } ; } }
            class M : IUpgradeStep { public void Execute() { } public void Rollback() { goto end; end: ; } }
            class N : IUpgradeStep { public void Execute() { } public void Rollback() { throw; } }
            [UpdateStep] enum O { Apply }
            [UpdateStep] interface IP { void Apply(); }
            [UpdateStep] delegate void Q();
            [UpdateStep] static class R { public static void Apply() { } }
            [UpdateStepAttribute] class S { public void Apply() { } public void Rollback(int broken = ) { } }
            class UpdateT { public void Apply() { } public void Down() => Console.WriteLine(); }
            class UpdateU<T> where T : new() { public void Up() { } public async Task DownAsync() { await Task.CompletedTask; } }
            class Upgrade { class Nested { public void Apply() { } } }
            class V : IUpgradeStep { public void Execute() { } public void Rollback() => Rollback(); }
            class W : IUpgradeStep, IUpdateStep { public void Execute() { } public void Apply() { } }
            """),
        One("partial rollback members", """
            interface IUpdateStep { void Apply(); }

            partial class SwapConfig : IUpdateStep
            {
                public void Apply() => File.Move("/srv/app.config", "/srv/app.config.bak");
                partial void Rollback();
            }

            partial class SwapConfig
            {
                partial void Rollback() { }
            }

            partial class MoveLogs : IUpdateStep
            {
                public void Apply() => File.Move("/srv/logs", "/srv/logs.bak");
                public partial void Rollback();
            }

            partial class MoveLogs
            {
                public partial void Rollback() => File.Move("/srv/logs.bak", "/srv/logs");
            }

            partial class NoBody : IUpdateStep
            {
                public void Apply() { }
                partial void Rollback();
            }
            """),
        One("broken update steps", """
            interface IUpdateStep { void Apply(); }
            class A : IUpdateStep { public void Apply( { } public void Rollback() => }
            class B : IUpdateStep { public void Apply() { File.Delete( } public void Rollback() { throw new }
            class C : IUpdateStep, { public void Apply() }
            class D : IUpdateStep { public void Rollback }
            class : IUpdateStep { public void Apply() { } }
            class E<T : IUpdateStep { public void Apply() { } }
            """),
        One("EF Core migrations with odd shapes", """
            using Microsoft.EntityFrameworkCore.Migrations;

            public partial class AddVersion : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddColumn<string>("Version", "Servers");
                protected override void Down(MigrationBuilder migrationBuilder) => base.Down(migrationBuilder);
            }

            public class Hidden : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("x");
                protected new void Down(MigrationBuilder migrationBuilder) { }
            }

            public abstract class MigrationBase2 : Migration
            {
                protected override void Down(MigrationBuilder migrationBuilder) { }
            }

            public class Derived : MigrationBase2
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("x");
            }

            public class Generic<T> : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) { migrationBuilder.Sql(typeof(T).Name); }
            }

            public class Outer
            {
                public class Nested : Migration
                {
                    protected override void Up(MigrationBuilder migrationBuilder) { migrationBuilder.Sql("x"); }
                    protected override void Down(MigrationBuilder migrationBuilder) => throw new NotSupportedException();
                }
            }

            public class NoUp : Migration
            {
                protected override void Down(MigrationBuilder migrationBuilder) { }
            }

            public class Broken : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) { migrationBuilder.Sql( }
                protected override void Down(MigrationBuilder migrationBuilder) =>
            }

            public class Unknown : MissingMigration
            {
                protected override void Down(MigrationBuilder migrationBuilder) { }
            }
            """),
        One("FluentMigrator migrations with odd shapes", """
            using FluentMigrator;

            [Migration(1)]
            public class ForwardOnly : ForwardOnlyMigration
            {
                public override void Up() => Execute.Sql("x");
            }

            [Migration(2)]
            public partial class Split : Migration
            {
                public override void Up() => Execute.Sql("x");
            }

            public partial class Split
            {
                public override void Down() { }
            }

            [Migration(3)]
            public class Reversing : AutoReversingMigration
            {
                public override void Up() => Create.Table("x");
            }

            [Migration(4)]
            public class Throws : Migration
            {
                public override void Up() => Execute.Sql("x");
                public override void Down() => throw new NotImplementedException();
            }

            [Migration(5)]
            public class Broken : Migration
            {
                public override void Up() { Execute.Sql( }
                public override void Down()
            }

            [Migration(6)]
            public abstract class AbstractForwardOnly : ForwardOnlyMigration { }
            """),
        One("System.IO.Abstractions", """
            using System.IO.Abstractions;

            class ServerUpdater(IFileSystem fs)
            {
                void UpdateServerFiles(string root, IFileInfo info, IDirectoryInfo dir)
                {
                    fs.File.Delete(root);
                    fs.Directory.Delete(root, true);
                    fs.FileInfo.New(root).Delete();
                    info.Delete();
                    dir.Delete(true);
                    fs.File.WriteAllText(root, "x");
                    fs.File.Copy(root, root + ".new", true);
                    using var stream = fs.FileStream.New(root, FileMode.Create);
                    fs.File.Delete(fs.Path.Combine(fs.Path.GetTempPath(), "x"));
                    fs.File.Delete(default!);
                    fs.File.Delete();
                    var files = new List<string>();
                    files.ForEach(fs.File.Delete);
                    IFileSystem? maybe = null;
                    maybe?.File.Delete(root);
                    maybe?.File.WriteAllText(root, "x");
                }
            }
            """),
        One("conditional access and method groups", """
            class ServerUpdater
            {
                void UpdateServerFiles(FileInfo? info, DirectoryInfo? dir, List<string> paths, List<string> servers, Server? server)
                {
                    info?.Delete();
                    dir?.Delete(true);
                    info?.CopyTo("/srv/x", true);
                    paths.ForEach(File.Delete);
                    Action<string> delete = File.Delete;
                    Action<string, bool> deleteDir = Directory.Delete;
                    Func<string, FileStream> create = File.Create;
                    paths.ForEach(delete);
                    servers.ForEach(Deploy);
                    Parallel.ForEach(servers, Deploy);
                    server?.Deploy();
                    foreach (var s in servers) { try { server?.Deploy(); } catch { } }
                }

                void Deploy(string server) { }
            }

            class Server { public void Deploy() { } }
            """),
        One("using declarations and statements", """
            class ServerUpdater
            {
                async Task UpdateServerFiles(string live)
                {
                    using var stream = File.Create(live);
                    using (var writer = new StreamWriter(live)) { }
                    await using var asyncStream = new FileStream(live, FileMode.Truncate);
                    using var _ = File.Open(live, FileMode.Open, FileAccess.Write);
                    using (File.OpenWrite(live)) { }
                    using (new FileInfo(live).Create()) { }
                    using (new FileInfo(live).Open(FileMode.Create)) { }
                }
            }
            """),
        One("locals assigned in odd ways", """
            class ServerUpdater
            {
                void UpdateServerFiles(string root, bool flag)
                {
                    string path;
                    path = path = root;
                    File.Delete(path);
                    var (a, b) = (Path.GetTempFileName(), root);
                    File.Delete(a);
                    File.Delete(b);
                    ref string r = ref path;
                    r = Path.GetTempPath();
                    File.Delete(r);
                    string self = self + "x";
                    File.Delete(self);
                    string loop1 = root, loop2 = loop1;
                    loop1 = loop2;
                    loop2 = loop1;
                    File.Delete(loop1);
                    if (int.TryParse(root, out var n)) File.Delete(n.ToString());
                    Swap(ref path, ref root);
                    File.Delete(path);
                    string? nullable = flag ? null : root;
                    File.Delete(nullable!);
                    var temp = Path.GetTempFileName();
                    temp += "x";
                    temp ??= root;
                    File.Delete(temp);
                    var info = new FileInfo(new FileInfo(new FileInfo(new FileInfo(new FileInfo(root).FullName).FullName).FullName).FullName);
                    info.Delete();
                    foreach (var f in Directory.GetFiles(Path.GetTempPath())) File.Delete(f);
                    foreach (var f in Directory.GetFiles(root)) { File.Delete(f); }
                }

                static void Swap(ref string x, ref string y) => (x, y) = (y, x);
            }
            """),
        One("deep nesting", """
            class ServerUpdater
            {
                void UpdateServerFiles(string root, List<List<List<string>>> regions)
                {
                    foreach (var region in regions)
                    foreach (var zone in region)
                    foreach (var server in zone)
                    {
                        try
                        {
                            try { Deploy(server); }
                            catch { try { Deploy(server); } catch { } }
                        }
                        catch { }
                    }

                    File.Delete(((((((((((root))))))))))); 
                    File.Delete(root + "a" + "b" + "c" + "d" + "e" + "f" + "g" + "h" + "i" + "j" + "k" + "l" + "m" + "n");
                }

                void Deploy(string server) { }
            }
            """),
        One("checked, lock, fixed and stackalloc statements", """
            class ServerUpdater
            {
                readonly object _gate = new();
                unsafe void UpdateServerFiles(string root, string[] servers)
                {
                    lock (_gate) { File.Delete(root); }
                    checked { File.WriteAllText(root, "x"); }
                    unchecked { File.Delete(root + (int.MaxValue + 1)); }
                    fixed (char* p = root) { File.Delete(new string(p)); }
                    int* numbers = stackalloc int[3];
                    lock (_gate)
                    {
                        foreach (var server in servers)
                        {
                            lock (server) { try { Deploy(server); } catch { } }
                        }
                    }
                }

                void Deploy(string server) { }
            }
            """),
        One("a class named like the framework types", """
            namespace Mine
            {
                static class File { public static void Delete(string path) { } public static void WriteAllText(string p, string c) { } }
                static class Parallel { public static void ForEach<T>(IEnumerable<T> items, Action<T> body) { } }
                class Migration { public virtual void Down() { } }
                class Exception { }

                class ServerUpdater
                {
                    void UpdateServerFiles(string root, List<string> servers)
                    {
                        File.Delete(root);
                        File.WriteAllText(root, "x");
                        Parallel.ForEach(servers, s => Deploy(s));
                        foreach (var server in servers) { try { Deploy(server); } catch (Exception) { } }
                    }

                    void Deploy(string server) { }
                }

                class AddColumn : Migration { public override void Down() { } }
            }
            """),
        One("empty and near-empty files", ""),
        One("only trivia", "// just a comment\n#if NEVER\nclass X { void Update() { File.Delete(\"x\"); } }\n#endif\n/* and a block */"),
        One("preprocessor and pragmas around findings", """
            class ServerUpdater
            {
                void UpdateServerFiles(string root, List<string> servers)
                {
            #pragma warning disable CG1001
                    File.Delete(root);
            #pragma warning restore CG1001
            #if DEBUG
                    File.WriteAllText(root, "x");
            #else
                    File.WriteAllText(root, "y");
            #endif
                    foreach (var server in servers)
                    {
                        try { Deploy(server); }
            #region swallow
                        catch { }
            #endregion
                    }
                }

                [System.Diagnostics.CodeAnalysis.SuppressMessage("ChangeGate", "CG1001", Justification = "test")]
                void UpdateMore(string root) => File.Delete(root);

                void Deploy(string server) { }
            }
            """),
    };

    private static OddSnippet One(string name, string source, bool isProgram = false, bool usings = true) =>
        new(name, new[] { (usings ? Usings : "") + source }, isProgram);
}
