using OpenIddict.Abstractions;

namespace Auth.Api.Pages;

/// <summary>
/// The parameters of an OpenID Connect request carried through one of this server's own forms (consent, logout
/// confirmation) as hidden fields, without the form's own fields.
/// </summary>
public static class ProtocolForm
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public static IEnumerable<KeyValuePair<string, string>> Fields(OpenIddictRequest request, string pageField) =>
        request.GetParameters()
            .Where(p => p.Key != pageField && p.Key != AntiforgeryField && (string?)p.Value is { Length: > 0 })
            .Select(p => new KeyValuePair<string, string>(p.Key, (string)p.Value!));
}
