using System.Net;
using System.Net.Sockets;

namespace PrReviewBot.Tests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the fake GitHub that can reset connections for real (RST, as a flaky
/// network or load balancer does): the bot sees "connection reset by peer", not an HTTP answer.
/// </summary>
public sealed class TcpFront : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly Lock _lock = new();
    private int _resetNext;
    private int _resets;

    public TcpFront(string targetUrl)
    {
        _targetPort = new Uri(targetUrl).Port;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _ = AcceptLoopAsync();
    }

    public string Url { get; }

    /// <summary>Connections reset so far.</summary>
    public int Resets => Volatile.Read(ref _resets);

    /// <summary>Resets every open connection now and the next <paramref name="connections"/> new ones as they arrive.</summary>
    public void Reset(int connections)
    {
        Interlocked.Exchange(ref _resetNext, connections);
        lock (_lock)
        {
            foreach (var socket in _open)
            {
                Abort(socket);
            }
            _open.Clear();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            if (Interlocked.Decrement(ref _resetNext) >= 0)
            {
                Abort(client);
                continue;
            }
            Interlocked.Exchange(ref _resetNext, 0);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            lock (_lock)
            {
                _open.Add(client);
            }
            await Task.WhenAny(Pump(client, server), Pump(server, client));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
            }
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task Pump(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void Abort(Socket socket)
    {
        Interlocked.Increment(ref _resets);
        try
        {
            // Linger 0: close sends RST instead of FIN.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_lock)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }
        }
        _stop.Dispose();
    }
}
