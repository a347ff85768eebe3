using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChangeGate.Core.Tests.Support.Alertmanager;

/// <summary>
/// A real loopback HTTP server that answers every request with a fixed bad answer (an HTTP error,
/// or a body that is not the Alertmanager's JSON), or never answers. Alertmanager itself cannot be
/// made to answer like that, so these failure modes of a monitoring endpoint need this stand-in.
/// </summary>
public sealed class LoopbackBadServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoopbackBadServer(int? status, string body, string contentType, bool withLength = true)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _loop = Task.Run(() => Serve(status, body, contentType, withLength));
    }

    /// <summary>Its base URL.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static LoopbackBadServer Answering(int status, string body, string contentType = "application/json") => new(status, body, contentType);

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>, without a Content-Length: the body ends where the connection closes.</summary>
    public static LoopbackBadServer AnsweringWithoutLength(int status, string body) => new(status, body, "application/json", withLength: false);

    /// <summary>Accepts connections and never answers.</summary>
    public static LoopbackBadServer Silent() => new(null, "", "");

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by its listener being stopped.
        }

        _stop.Dispose();
    }

    private async Task Serve(int? status, string body, string contentType, bool withLength)
    {
        var held = new List<TcpClient>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                if (status is null)
                {
                    held.Add(client);
                    continue;
                }

                using (client)
                {
                    var stream = client.GetStream();
                    await ReadRequestHead(stream);
                    var payload = Encoding.UTF8.GetBytes(body);
                    var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: {contentType}\r\n{(withLength ? $"Content-Length: {payload.Length}\r\n" : "")}Connection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                    await stream.WriteAsync(payload, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Stopped.
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }

    private async Task ReadRequestHead(NetworkStream stream)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
