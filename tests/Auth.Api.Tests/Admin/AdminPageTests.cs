using Auth.Api.Admin;
using Microsoft.AspNetCore.Http;

namespace Auth.Api.Tests.Admin;

/// <summary>The next link of an admin API page: the request's own address under the issuer, with the cursor replaced.</summary>
public sealed class AdminPageTests
{
    [TestCase("https://id.example/")]
    [TestCase("https://id.example")]
    public void The_next_link_is_under_an_issuer_without_a_path(string issuer) =>
        Assert.That(NextLink(issuer), Is.EqualTo("https://id.example/admin/v1/users?count=2&cursor=abc"));

    [TestCase("https://id.example/auth/")]
    [TestCase("https://id.example/auth")]
    public void The_next_link_keeps_the_issuers_path_with_or_without_a_final_slash(string issuer) =>
        Assert.That(NextLink(issuer), Is.EqualTo("https://id.example/auth/admin/v1/users?count=2&cursor=abc"));

    private static string? NextLink(string issuer)
    {
        var request = new DefaultHttpContext().Request;
        request.Path = "/admin/v1/users";
        request.QueryString = new QueryString("?count=2&cursor=previous");
        return AdminPage<int>.Of([1, 2], "abc", request, new Uri(issuer)).Next;
    }
}
