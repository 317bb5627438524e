using System.Net;
using System.Net.Sockets;
using Auth.Application.Ports;
using Auth.Infrastructure.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Mail;

/// <summary>
/// The <c>Smtp</c> section as start-up checks it: e-mail off without a host; with one, a sender address, and plain
/// SMTP (<c>Security=None</c>) only to this machine. And the MailKit sender's failure, when the server does not answer.
/// </summary>
public sealed class SmtpOptionsTests
{
    [Test]
    public void Without_a_host_email_is_off_and_nothing_else_is_required()
    {
        var options = Resolve(new Dictionary<string, string?>());

        Assert.Multiple(() =>
        {
            Assert.That(options.IsConfigured, Is.False);
            Assert.That(options.Port, Is.EqualTo(587));
            Assert.That(options.Security, Is.EqualTo(SmtpSecurity.StartTls));
        });
    }

    [TestCase("localhost")]
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.53")]
    [TestCase("::1")]
    [TestCase("[::1]")]
    public void Plain_smtp_is_allowed_to_a_loopback_host(string host)
    {
        var options = Resolve(new Dictionary<string, string?> { ["Smtp:Host"] = host, ["Smtp:Security"] = "None", ["Smtp:From"] = "auth@example.com" });

        Assert.That(options.IsConfigured, Is.True);
    }

    [TestCase("smtp.example.com")]
    [TestCase("10.0.0.25")]
    [TestCase("localhost.example.com")]
    public void Plain_smtp_to_any_other_host_is_refused_at_start(string host)
    {
        var refused = Assert.Throws<OptionsValidationException>(() =>
            Resolve(new Dictionary<string, string?> { ["Smtp:Host"] = host, ["Smtp:Security"] = "None", ["Smtp:From"] = "auth@example.com" }));

        Assert.That(refused!.Message, Does.Contain("Smtp:Security=None").And.Contain(host).And.Contain("StartTls"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not an address")]
    [TestCase("Auth <auth@example.com>")]
    public void A_host_needs_a_sender_address(string? from)
    {
        var refused = Assert.Throws<OptionsValidationException>(() =>
            Resolve(new Dictionary<string, string?> { ["Smtp:Host"] = "smtp.example.com", ["Smtp:From"] = from }));

        Assert.That(refused!.Message, Does.Contain("Smtp:From"));
    }

    [Test]
    public void A_password_needs_a_user_name_and_a_port_its_range()
    {
        var settings = new Dictionary<string, string?> { ["Smtp:Host"] = "smtp.example.com", ["Smtp:From"] = "auth@example.com", ["Smtp:Password"] = "secret" };

        Assert.Multiple(() =>
        {
            Assert.That(() => Resolve(settings), Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Smtp:Password"));
            Assert.That(() => Resolve(new Dictionary<string, string?>(settings) { ["Smtp:UserName"] = "auth", ["Smtp:Port"] = "0" }),
                Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Port"));
            Assert.That(Resolve(new Dictionary<string, string?>(settings) { ["Smtp:UserName"] = "auth", ["Smtp:Security"] = "SslOnConnect", ["Smtp:Port"] = "465" }).IsConfigured, Is.True);
        });
    }

    [Test]
    public void A_mail_server_that_does_not_answer_is_a_delivery_failure()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var sender = new MailKitMailSender(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = closedPort,
            Security = SmtpSecurity.None,
            From = "auth@example.com",
            Timeout = TimeSpan.FromSeconds(5),
        }), NullLogger<MailKitMailSender>.Instance);

        var failed = Assert.ThrowsAsync<MailDeliveryException>(() =>
            sender.SendAsync(new OutgoingMail("someone@example.com", null, "Subject", "body-with-a-link", "<p>body-with-a-link</p>"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(sender.IsConfigured, Is.True);
            Assert.That(failed!.Message, Does.Contain("127.0.0.1:" + closedPort).And.Not.Contain("body-with-a-link"));
        });
    }

    /// <summary>The options as the service registers and validates them (<see cref="DependencyInjection.AddInfrastructure"/>).</summary>
    private static SmtpOptions Resolve(Dictionary<string, string?> settings)
    {
        settings["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "auth-smtp-options-tests");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SmtpOptions>>().Value;
    }
}
