using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PoQ.Hosting.Kafka;

/// <summary>
/// Serves <see cref="BrokerControl"/> on 127.0.0.1:PORT: a client writes command lines and reads one answer line per
/// command (e.g. <c>printf 'down\n' | nc 127.0.0.1 PORT</c>). Loopback only: it can take the broker down.
/// </summary>
public sealed class BrokerControlServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly EmbeddedKafkaBroker broker;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    private BrokerControlServer(EmbeddedKafkaBroker broker, TcpListener listener)
    {
        this.broker = broker;
        this.listener = listener;
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The port it listens on (the one asked for, or the kernel's choice for 0).</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static BrokerControlServer Start(EmbeddedKafkaBroker broker, int port)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new BrokerControlServer(broker, listener);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        try
        {
            await serving.ConfigureAwait(false);
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
                while (await reader.ReadLineAsync(stop.Token).ConfigureAwait(false) is { } line)
                {
                    await writer.WriteLineAsync(BrokerControl.Apply(broker, line)).ConfigureAwait(false);
                }
            }
            catch (Exception gone) when (gone is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up or the server is stopping.
            }
        }
    }
}
