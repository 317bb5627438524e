using Auth.Api.Cli;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary>
/// The <c>healthcheck</c> verb the container image's HEALTHCHECK runs (no curl in the image): exit 0 while the server
/// answers /health/live, 1 otherwise, finding the server from the same Urls setting the server listens at.
/// </summary>
public sealed class HealthCheckVerbTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task Exits_0_when_the_server_is_alive()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "healthcheck", "--url", Server.BaseAddress.AbsoluteUri);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(outcome.Output.Trim(), Is.EqualTo("alive"));
        });
    }

    [Test]
    public async Task Exits_1_when_nothing_answers_at_the_address_in_Urls()
    {
        var outcome = await AuthExecutable.RunAsync(Server.Store, "healthcheck", $"--urls=http://+:{LoopbackPorts.Next()}");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Output);
            Assert.That(outcome.Error, Does.Contain("did not answer"));
        });
    }

    [TestCase("http://+:8080", "http://127.0.0.1:8080/")]
    [TestCase("https://+:8443;http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [TestCase("http://localhost:3001", "http://127.0.0.1:3001/")]
    [TestCase("http://[::]:8080", "http://127.0.0.1:8080/")]
    [TestCase("http://10.1.2.3:8080", "http://10.1.2.3:8080/")]
    [TestCase("https://+:8443", null)]
    public void The_address_asked_is_the_first_http_one_in_Urls_a_wildcard_host_as_loopback(string urls, string? expected) =>
        Assert.That(HealthCheckVerb.LocalAddress(urls), Is.EqualTo(expected));
}
