using System.Text.Json;
using Auth.Application.Sessions;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Api.OAuth.FrontChannelLogout;

/// <summary>
/// The pages the sign-out page loads for a session that ends (OpenID Connect Front-Channel Logout 1.0 §3): each
/// front-channel logout URI of the session's clients, with <c>iss</c> and <c>sid</c> added to its query where the
/// client asked for them (§2). Read before the session ends, and carried in the sign-out's authentication properties:
/// to <see cref="RenderFrontChannelLogoutPage"/> for this server's own end-session response, and through an upstream
/// provider's logout in the state of OpenIddict's client, to the page the upstream sends the browser back to.
/// </summary>
public static class FrontChannelLogoutFrames
{
    /// <summary>The properties' item that holds the frames, a JSON array of URIs.</summary>
    public const string Item = "urn:auth:frontchannel_logout_frames";

    /// <summary>The frames of <paramref name="sessionId"/>'s clients; read them before the session ends, which takes its clients with it.</summary>
    public static async Task<IReadOnlyList<Uri>> ReadAsync(ISender sender, string sessionId, Uri issuer, CancellationToken cancellationToken)
    {
        var logouts = await sender.Send(new GetFrontChannelLogouts(sessionId), cancellationToken);
        return [.. logouts.Select(logout => FrameUri(logout, issuer, sessionId))];
    }

    /// <summary><paramref name="properties"/> with <paramref name="frames"/> to load, when there are any.</summary>
    public static AuthenticationProperties Keep(AuthenticationProperties properties, IReadOnlyList<Uri> frames)
    {
        if (frames.Count > 0)
        {
            properties.Items[Item] = JsonSerializer.Serialize(frames.Select(frame => frame.AbsoluteUri));
        }

        return properties;
    }

    /// <summary>The frames the properties carry; empty when the ended session had no client with a front-channel logout URI.</summary>
    public static IReadOnlyList<Uri> Of(AuthenticationProperties? properties)
    {
        if (properties?.Items.TryGetValue(Item, out var json) != true || json is null)
        {
            return [];
        }

        // Written by Keep above, and read back from this server's own signed and encrypted state: never a user's text.
        return [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(uri => new Uri(uri, UriKind.Absolute))];
    }

    /// <summary>The client's URI, with the issuer and the session id when it needs them (§2: the <c>iss</c> and <c>sid</c> of its ID tokens).</summary>
    public static Uri FrameUri(FrontChannelLogoutTarget logout, Uri issuer, string sessionId) =>
        new(logout.SessionRequired
            ? QueryHelpers.AddQueryString(logout.Uri, new Dictionary<string, string?> { ["iss"] = issuer.AbsoluteUri, ["sid"] = sessionId })
            : logout.Uri);
}
