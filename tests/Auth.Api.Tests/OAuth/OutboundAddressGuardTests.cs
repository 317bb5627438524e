using System.Net;
using System.Net.Sockets;
using System.Text;
using Auth.Api.ClientRegistration;
using Auth.Api.OAuth;
using Microsoft.Extensions.Options;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// The address guard of what is fetched for a self-registered client: which addresses are public, which URIs are
/// refused at registration, and that a guarded connection to a refused address is never opened — a real loopback
/// listener counts the connections that reach it.
/// </summary>
public sealed class OutboundAddressGuardTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.255.255.254")]
    [TestCase("0.0.0.0")]
    [TestCase("10.1.2.3")]
    [TestCase("100.64.0.1")]
    [TestCase("169.254.169.254")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.0.0.170")]
    [TestCase("192.0.2.1")]
    [TestCase("192.168.1.1")]
    [TestCase("198.18.0.1")]
    [TestCase("198.51.100.7")]
    [TestCase("203.0.113.9")]
    [TestCase("224.0.0.251")]
    [TestCase("240.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("64:ff9b::a00:1")]
    [TestCase("2002:7f00:1::1")]
    [TestCase("2002:c0a8:101::1")]
    [TestCase("2001::1")]
    [TestCase("2001:db8::1")]
    [TestCase("3fff::1")]
    [TestCase("fc00::1")]
    [TestCase("fd00:ec2::254")]
    [TestCase("fe80::1")]
    [TestCase("fec0::1")]
    [TestCase("ff02::1")]
    [TestCase("100::1")]
    public void An_address_of_this_network_or_of_no_network_is_not_public(string address) =>
        Assert.That(PublicAddresses.IsPublic(IPAddress.Parse(address)), Is.False);

    [TestCase("8.8.8.8")]
    [TestCase("93.184.216.34")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("192.0.3.1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2a00:1450:4001:800::200e")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:808:808::1")]
    public void A_globally_reachable_address_is_public(string address) =>
        Assert.That(PublicAddresses.IsPublic(IPAddress.Parse(address)), Is.True);

    [TestCase("http://127.0.0.1:9/ro.jwt")]
    [TestCase("http://[::1]:9/ro.jwt")]
    [TestCase("https://169.254.169.254/latest/meta-data")]
    [TestCase("https://10.0.0.5/jwks")]
    [TestCase("https://[fd00:ec2::254]/jwks")]
    [TestCase("https://[::ffff:127.0.0.1]/jwks")]
    public void A_uri_on_a_refused_address_is_a_problem_at_registration(string uri) =>
        Assert.That(Guard().Problem(uri), Does.Contain("does not call"));

    [TestCase("https://93.184.216.34/ro.jwt")]
    [TestCase("https://client.example/ro.jwt")]
    [TestCase("http://localhost:9/ro.jwt")]
    public void A_public_address_or_a_name_is_left_to_the_fetch(string uri) => Assert.That(Guard().Problem(uri), Is.Null);

    [Test]
    public void An_allowed_network_is_permitted_and_nothing_beside_it()
    {
        var guard = Guard("10.20.0.0/16");

        Assert.Multiple(() =>
        {
            Assert.That(guard.Permits(IPAddress.Parse("10.20.3.4")), Is.True);
            Assert.That(guard.Permits(IPAddress.Parse("::ffff:10.20.3.4")), Is.True, "an IPv4-mapped address is its IPv4 one");
            Assert.That(guard.Permits(IPAddress.Parse("10.21.0.1")), Is.False);
            Assert.That(guard.Problem("https://10.20.3.4/jwks"), Is.Null);
            Assert.That(guard.Problem("https://10.21.0.1/jwks"), Is.Not.Null);
        });
    }

    [TestCase("127.0.0.1")]
    [TestCase("[::1]")]
    [TestCase("[::ffff:127.0.0.1]")]
    [TestCase("localhost")]
    public async Task A_guarded_fetch_to_loopback_is_refused_before_any_connection(string host)
    {
        await using var listener = await CountingListener.StartAsync();
        using var client = GuardedClient(Guard());

        var (body, problem) = await ClientUriFetch.GetAsync(
            client, $"http://{host}:{listener.Port}/ro.jwt", ["application/jwt"], 1024, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.Null);
            Assert.That(problem, Does.Contain("has no address a self-registered client's URI may reach"));
            Assert.That(listener.Connections, Is.Zero);
        });
    }

    [Test]
    public async Task A_guarded_fetch_reaches_an_allowed_network()
    {
        await using var listener = await CountingListener.StartAsync();
        using var client = GuardedClient(Guard("127.0.0.0/8"));

        var (body, problem) = await ClientUriFetch.GetAsync(
            client, $"http://127.0.0.1:{listener.Port}/ro.jwt", ["application/jwt"], 1024, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Null);
            Assert.That(Encoding.ASCII.GetString(body!), Is.EqualTo("ok"));
            Assert.That(listener.Connections, Is.EqualTo(1));
        });
    }

    private static OutboundAddressGuard Guard(params string[] allowed) =>
        new(Options.Create(new ClientRegistrationOptions { AllowedNetworks = [.. allowed] }));

    private static HttpClient GuardedClient(OutboundAddressGuard guard) =>
        new(guard.Guard(new SocketsHttpHandler { AllowAutoRedirect = false }));

    /// <summary>A loopback TCP listener that counts the connections it accepts and answers each with a 200 "ok".</summary>
    private sealed class CountingListener : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _connections;

        private CountingListener(TcpListener listener)
        {
            _listener = listener;
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public static Task<CountingListener> StartAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new CountingListener(listener));
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    var stream = connection.GetStream();
                    var buffer = new byte[4096];
                    var read = 0;
                    while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal) && read < buffer.Length)
                    {
                        var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
