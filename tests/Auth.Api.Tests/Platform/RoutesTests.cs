using Auth.Api.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Platform;

/// <summary>
/// A Razor page's <c>@page</c> directive must be a literal; each must name the same path as its constant in
/// <see cref="Routes"/>, which the rest of the service (redirects, the cookie handler, forms) uses.
/// </summary>
public sealed class RoutesTests(StoreKind store) : ServerTest(store)
{
    private static readonly Dictionary<string, string> PageRoutes = new(StringComparer.Ordinal)
    {
        ["/Index"] = "/",
        ["/Account/Login"] = Routes.Login,
        ["/Account/SecondFactor"] = Routes.SecondFactor,
        ["/Account/Enrol"] = Routes.Enrol,
        ["/Account/SignedOut"] = Routes.SignedOut,
        ["/Account/Index"] = Routes.Account,
        ["/Account/SetPassword"] = Routes.SetPassword,
        ["/Account/ForgotPassword"] = Routes.ForgotPassword,
        ["/Admin/Index"] = Routes.Admin,
        ["/Admin/SignIn"] = Routes.ConsoleSignIn,
        ["/Admin/SignOut"] = Routes.ConsoleSignOut,
        ["/Admin/Clients/Index"] = Routes.ConsoleClients,
        ["/Admin/Clients/Details"] = Routes.ConsoleClient,
        ["/Admin/Users/Index"] = Routes.ConsoleUsers,
        ["/Admin/Users/Details"] = Routes.ConsoleUser,
        ["/Admin/Events"] = Routes.ConsoleEvents,
        ["/Admin/Keys"] = Routes.ConsoleKeys,
        ["/Admin/Scopes"] = Routes.ConsoleScopes,
        ["/Admin/Scope"] = Routes.ConsoleScope,
        ["/Admin/Groups"] = Routes.ConsoleGroups,
        ["/Admin/IdentityProviders"] = Routes.ConsoleIdentityProviders,
        ["/OAuth/Authorize"] = Routes.Authorize,
        ["/OAuth/Logout"] = Routes.Logout,
        ["/OAuth/Device"] = Routes.Device,
        ["/Federation/Start"] = Routes.SignInWithProvider,
        ["/Federation/Callback"] = Routes.ProviderCallback,
        ["/Federation/SignedOutUpstream"] = Routes.ProviderSignedOut,
    };

    [Test]
    public void Each_page_answers_at_the_path_of_its_constant()
    {
        var pages = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath, e => "/" + e.RoutePattern.RawText!.TrimStart('/'));

        Assert.That(pages, Is.EquivalentTo(PageRoutes));
    }
}
