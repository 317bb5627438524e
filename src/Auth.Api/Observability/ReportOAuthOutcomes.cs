using System.Diagnostics;
using Auth.Application.Audit;
using Auth.Application.Ports;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Auth.Api.Observability;

/// <summary>
/// Counts what the OpenIddict endpoints answered and writes the audit events among them: tokens issued, tokens
/// revoked, a used refresh token or code presented again. Runs as the responses are applied, so it sees the final
/// outcome whichever handler produced it.
/// </summary>
public sealed class ReportOAuthOutcomes(AuthMetrics metrics, ISecurityEvents events) :
    IOpenIddictServerHandler<ProcessSignInContext>,
    IOpenIddictServerHandler<ApplyTokenResponseContext>,
    IOpenIddictServerHandler<ApplyIntrospectionResponseContext>,
    IOpenIddictServerHandler<ApplyRevocationResponseContext>
{
    private const string IssuedSubject = "auth:issued-subject";

    private const string ExchangeDetail = "auth:exchange-detail";

    // OpenIddict's error_uri names the resource of the message: ID2010 a redeemed code, ID2012 a redeemed refresh token.
    private const string RedeemedCodeError = "ID2010";
    private const string RedeemedRefreshTokenError = "ID2012";

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Token && context.Principal?.GetClaim(OpenIddictConstants.Claims.Subject) is { } subject)
        {
            context.Transaction.SetProperty(IssuedSubject, subject);
            if (context.Request?.IsTokenExchangeGrantType() == true)
            {
                context.Transaction.SetProperty(ExchangeDetail, DescribeExchange(context));
            }
        }

        return default;
    }

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (string.IsNullOrEmpty(response.Error))
        {
            var grantType = request?.GrantType ?? "unknown";
            var clientId = request?.ClientId ?? "unknown";
            metrics.TokenIssued(grantType, clientId);
            TagRequestSpan(grantType, clientId);
            var exchange = context.Transaction.GetProperty<string>(ExchangeDetail);
            events.Record(new SecurityEvent(exchange is null ? SecurityEventTypes.TokenIssued : SecurityEventTypes.TokenExchanged, SecurityEventOutcomes.Success,
                context.Transaction.GetProperty<string>(IssuedSubject), clientId, exchange ?? grantType));
            return default;
        }

        metrics.TokenFailed(response.Error);
        var reused = response.ErrorUri switch
        {
            { } uri when uri.EndsWith(RedeemedRefreshTokenError, StringComparison.Ordinal) => "refresh_token",
            { } uri when uri.EndsWith(RedeemedCodeError, StringComparison.Ordinal) => "authorization_code",
            _ when response.ErrorDescription == RedeemRefreshTokenOnceMessage => "refresh_token",
            _ => null,
        };
        if (reused is not null)
        {
            // RFC 9700 §4.14.2: the grant is revoked; the audit log says who presented a used token, and when.
            events.Record(new SecurityEvent(SecurityEventTypes.RefreshTokenReuse, SecurityEventOutcomes.Rejected, ClientId: Bounded(request?.ClientId), Detail: reused));
        }

        return default;
    }

    public ValueTask HandleAsync(ApplyIntrospectionResponseContext context)
    {
        // An unknown, expired or revoked token is still an error here; OpenIddict turns it into {"active":false} later.
        var response = context.Response;
        metrics.Introspected(response.Error switch
        {
            null or "" => (bool?)response[OpenIddictConstants.Parameters.Active] == true ? "active" : "inactive",
            OpenIddictConstants.Errors.InvalidToken => "inactive",
            var error => error,
        });
        return default;
    }

    public ValueTask HandleAsync(ApplyRevocationResponseContext context)
    {
        var response = context.Response;
        var outcome = string.IsNullOrEmpty(response.Error) ? "revoked" : response.Error;
        metrics.Revoked(outcome);
        if (string.IsNullOrEmpty(response.Error))
        {
            var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
            var token = authentication?.GenericTokenPrincipal;
            events.Record(new SecurityEvent(SecurityEventTypes.TokenRevoked, SecurityEventOutcomes.Success,
                token?.GetClaim(OpenIddictConstants.Claims.Subject), Bounded(context.Request?.ClientId), token?.GetTokenType()));
        }

        return default;
    }

    /// <summary>
    /// The request's span, when traces are recorded, names the client a token was issued to: an authenticated client's
    /// registered id, never what a refused caller sent, and never a secret, code or token (docs/security.md, rule 138).
    /// </summary>
    private static void TagRequestSpan(string grantType, string clientId)
    {
        if (Activity.Current is { IsAllDataRequested: true, Recorded: true } span)
        {
            span.SetTag("oauth.client_id", clientId);
            span.SetTag("oauth.grant_type", grantType);
        }
    }

    /// <summary>Who received the subject token first, who acts (RFC 8693 §4.1), and what was issued: never a token.</summary>
    private static string DescribeExchange(ProcessSignInContext context)
    {
        var authentication = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        var from = authentication?.SubjectTokenPrincipal is { } subject ? Auth.Api.OAuth.Handlers.TokenValidation.RefuseRevokedAccessTokens.ClientIdOf(subject) : null;
        var actor = authentication?.ActorTokenPrincipal?.GetClaim(OpenIddictConstants.Claims.Subject);
        var detail = $"from={from ?? "-"} actor={actor ?? "-"} scope={string.Join(' ', context.Principal!.GetScopes())} aud={string.Join(' ', context.Principal!.GetResources())}";
        return detail.Length > 256 ? detail[..256] : detail;
    }

    private const string RedeemRefreshTokenOnceMessage = Auth.Api.OAuth.Handlers.Token.RedeemRefreshTokenOnce.AlreadyUsed;

    /// <summary>An unauthenticated client_id is whatever the caller sent: keep the audit column's size.</summary>
    private static string? Bounded(string? clientId) => clientId is { Length: > 128 } ? clientId[..128] : clientId;
}
