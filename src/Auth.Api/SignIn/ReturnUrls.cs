using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.SignIn;

public static class ReturnUrls
{
    /// <summary>
    /// Only a path on this site: "//evil", "/\evil" and absolute URLs are refused (IsLocalUrl), and so is anything
    /// with control characters. Anything else goes to the home page.
    /// </summary>
    public static string LocalOrHome(IUrlHelper url, string? returnUrl) =>
        returnUrl is { Length: > 0 } candidate && url.IsLocalUrl(candidate) && !candidate.Any(char.IsControl) ? candidate : "/";
}
