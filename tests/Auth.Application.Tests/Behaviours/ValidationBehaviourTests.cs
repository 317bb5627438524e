using Auth.Application.Behaviours;
using Auth.Application.Clients;
using Auth.Application.Results;

namespace Auth.Application.Tests.Behaviours;

public sealed class ValidationBehaviourTests
{
    private static readonly ClientDefinition Invalid = new() { ClientId = "bad id", GrantTypes = ["password"] };

    [Test]
    public void An_invalid_request_never_reaches_its_handler()
    {
        var behaviour = new ValidationBehaviour<RegisterClient, Result<ChangeOutcome>>([new RegisterClientValidator()]);
        var handlerRan = false;

        var failure = Assert.ThrowsAsync<RequestValidationException>(async () => await behaviour.Handle(
            new RegisterClient(Invalid),
            (_, _) =>
            {
                handlerRan = true;
                return ValueTask.FromResult(Result<ChangeOutcome>.Success(ChangeOutcome.Created));
            },
            CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(handlerRan, Is.False);
            Assert.That(failure!.Failures, Has.Count.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public async Task A_valid_request_reaches_its_handler()
    {
        var behaviour = new ValidationBehaviour<RegisterClient, Result<ChangeOutcome>>([new RegisterClientValidator()]);
        var valid = new ClientDefinition { ClientId = "svc", ClientSecret = "a-long-enough-secret", GrantTypes = ["client_credentials"] };

        var result = await behaviour.Handle(
            new RegisterClient(valid),
            (_, _) => ValueTask.FromResult(Result<ChangeOutcome>.Success(ChangeOutcome.Created)),
            CancellationToken.None);

        Assert.That(result.Value, Is.EqualTo(ChangeOutcome.Created));
    }
}
