using Auth.Infrastructure.Persistence;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>The gate the hosted services' first database work waits at during an ephemeral start (docs/performance.md).</summary>
public sealed class StoreReadinessTests
{
    [Test]
    public void Open_unless_held()
    {
        var readiness = new StoreReadiness();

        Assert.That(readiness.WaitAsync(CancellationToken.None).IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task A_held_gate_opens_on_release_and_stays_open()
    {
        var readiness = new StoreReadiness();
        readiness.Hold();
        var waiting = readiness.WaitAsync(CancellationToken.None);
        var openedWhileHeld = await Task.WhenAny(waiting, Task.Delay(100)) == waiting;

        readiness.Release();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        readiness.Hold();

        Assert.Multiple(() =>
        {
            Assert.That(openedWhileHeld, Is.False);
            Assert.That(readiness.WaitAsync(CancellationToken.None).IsCompletedSuccessfully, Is.True, "released for good: a second hold closes nothing");
        });
    }

    [Test]
    public void A_wait_ends_when_its_token_is_cancelled()
    {
        var readiness = new StoreReadiness();
        readiness.Hold();
        using var stopping = new CancellationTokenSource();

        var waiting = readiness.WaitAsync(stopping.Token);
        stopping.Cancel();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
    }
}
