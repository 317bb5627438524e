using Microsoft.AspNetCore;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace Auth.Api.Federation.Handlers;

/// <summary>
/// A failed challenge at an upstream (OpenIddict would answer with a plain-text 400) goes back to the page that
/// started it, when that page asked for it with a <see cref="ChallengeFailure"/>; the page shows the error page.
/// </summary>
public sealed class HandChallengeFailuresToThePage : IOpenIddictClientHandler<ProcessErrorContext>
{
    public ValueTask HandleAsync(ProcessErrorContext context)
    {
        if (context.EndpointType == OpenIddictClientEndpointType.Unknown &&
            context.Transaction.GetHttpRequest()?.HttpContext.Features.Get<ChallengeFailure>() is { } failure)
        {
            failure.Error = context.Error;
            failure.ErrorUri = context.ErrorUri;
            context.HandleRequest();
        }

        return ValueTask.CompletedTask;
    }
}
