using Auth.Application.Sessions;

namespace Auth.Application.Tests.Sessions;

public sealed class BackChannelLogoutOptionsTests
{
    [Test]
    public void The_retry_delay_doubles_with_each_failed_attempt_up_to_the_maximum()
    {
        var options = new BackChannelLogoutOptions
        {
            BackChannelLogoutRetryDelay = TimeSpan.FromSeconds(30),
            BackChannelLogoutMaximumRetryDelay = TimeSpan.FromMinutes(10),
        };

        var delays = Enumerable.Range(1, 8).Select(options.RetryDelayAfter).ToList();

        Assert.That(delays.Select(d => d.TotalSeconds), Is.EqualTo(new double[] { 30, 60, 120, 240, 480, 600, 600, 600 }));
        Assert.That(options.RetryDelayAfter(10_000), Is.EqualTo(TimeSpan.FromMinutes(10)), "no overflow after many attempts");
    }

    [Test]
    public void The_defaults_are_valid_and_a_lease_outlasts_an_attempt()
    {
        var options = new BackChannelLogoutOptions();

        Assert.That(options.IsValid, Is.True);
        Assert.That(options.Lease, Is.GreaterThan(options.BackChannelLogoutTimeout));
    }

    [Test]
    public void A_maximum_below_the_first_delay_is_invalid() =>
        Assert.That(new BackChannelLogoutOptions { BackChannelLogoutMaximumRetryDelay = TimeSpan.FromSeconds(1) }.IsValid, Is.False);
}
